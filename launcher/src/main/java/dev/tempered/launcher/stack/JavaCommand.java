package dev.tempered.launcher.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the launcher starts a child JVM: the same JDK as its own, in a session of its own. */
final class JavaCommand {

  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private JavaCommand() {}

  /**
   * {@code [setsid] <java.home>/bin/java}. A terminal's Ctrl-C reaches the whole foreground process
   * group; with children in their own sessions only the launcher gets it, and its shutdown hook
   * stops the services before the broker they need to leave their consumer groups cleanly.
   */
  static List<String> prefix() {
    List<String> prefix = new ArrayList<>();
    SETSID.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .ifPresent(p -> prefix.add(p.toString()));
    prefix.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return prefix;
  }
}
