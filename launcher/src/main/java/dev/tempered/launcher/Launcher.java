package dev.tempered.launcher;

import dev.tempered.api.config.SharedResources;
import dev.tempered.launcher.cli.JobCli;
import dev.tempered.launcher.stack.StackConfig;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of {@code launcher.jar}: {@code demo}, {@code up}, {@code job ...} (the job CLI) or
 * {@code help}. Plain Java so it starts in a moment and owns its child processes directly.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("job")) {
      return new JobCli(out, err).run(Arrays.copyOfRange(args, 1, args.length), System.getenv());
    }
    LauncherOptions options;
    try {
      options = LauncherOptions.parse(args, Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      err.println("tempered: " + e.getMessage());
      err.print(LauncherOptions.USAGE);
      return 2;
    }
    if (options.command().equals("help")) {
      out.print(LauncherOptions.USAGE);
      return 0;
    }
    Optional<Path> shared = SharedResources.find();
    if (shared.isEmpty()) {
      String missing = sharedMissingMessage();
      if (options.command().equals("demo")) {
        err.println("tempered: " + missing);
        return 1;
      }
      err.println("tempered: warning: " + missing + "; jobs will fail until it is there");
    }
    StackConfig config = options.stackConfig(defaultKafkaLibs(options.repoDir()), shared);
    return options.command().equals("demo")
        ? new DemoCommand(out, err).run(options, config)
        : new UpCommand(out, err).run(config);
  }

  private static String sharedMissingMessage() {
    try {
      SharedResources.require();
      return "shared files disappeared while starting";
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  /** {@code kafka-libs} beside the running launcher.jar, else the build output in the project. */
  static Path defaultKafkaLibs(Path repoDir) {
    try {
      Path code =
          Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code) && code.getFileName().toString().endsWith(".jar")) {
        return code.resolveSibling("kafka-libs");
      }
    } catch (URISyntaxException | SecurityException e) {
      // Fall through to the project layout.
    }
    return repoDir.resolve("launcher").resolve("target").resolve("kafka-libs");
  }
}
