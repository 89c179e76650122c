package dev.tempered.launcher;

import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.stack.LocalStack;
import dev.tempered.launcher.stack.StackConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/** {@code tempered up}: the pipeline on loopback for manual use, until Ctrl-C or a process dies. */
final class UpCommand {

  private static final Duration CHECK_EVERY = Duration.ofSeconds(2);

  private final PrintStream out;
  private final PrintStream err;

  UpCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Returns only when something failed (1); Ctrl-C ends the JVM through the shutdown hook. */
  int run(StackConfig config) {
    LocalStack stack = LocalStack.create(config, out);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "tempered-shutdown"));
    try (stack) {
      stack.start();
      out.println(
          "ready: submit jobs to "
              + stack.uri("gateway")
              + "/v1/jobs with 'Authorization: Bearer "
              + GatewayClient.LOCAL_DEV_KEY
              + "' (Kafka at "
              + stack.bootstrapServers()
              + "); Ctrl-C stops everything");
      while (true) {
        Optional<String> exited = stack.firstExited();
        if (exited.isPresent()) {
          err.println("tempered: " + exited.get() + " exited; stopping the rest");
          return 1;
        }
        Thread.sleep(CHECK_EVERY.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      err.println("tempered: " + e.getMessage());
      return 1;
    }
  }
}
