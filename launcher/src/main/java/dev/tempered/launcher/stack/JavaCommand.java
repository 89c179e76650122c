package dev.tempered.launcher.stack;

import java.nio.file.Path;

/** The java executable of the running JVM, so children run on the same JDK as the launcher. */
final class JavaCommand {

  private JavaCommand() {}

  static String executable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
