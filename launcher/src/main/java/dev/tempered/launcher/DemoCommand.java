package dev.tempered.launcher;

import dev.tempered.launcher.cli.FollowOutcome;
import dev.tempered.launcher.cli.JobCli;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.JobFile;
import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.stack.LocalStack;
import dev.tempered.launcher.stack.StackConfig;
import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tempered demo}: the whole pipeline on loopback running one job to its end, submitted and
 * followed over the event stream as {@code tempered job submit --wait} does.
 */
final class DemoCommand {

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * 0 when the job succeeded, 1 when it failed, timed out or the stack did not start, 2 for a bad
   * job.
   */
  int run(LauncherOptions options, StackConfig config) {
    ObjectNode job;
    try {
      job = JobFile.read(options.jobFile());
      options.overrides().forEach((path, value) -> JobFile.override(job, path, value));
    } catch (IllegalArgumentException e) {
      err.println("tempered: " + e.getMessage());
      return 2;
    }
    List<String> problems = JobFile.problems(job);
    if (!problems.isEmpty()) {
      err.println(
          "tempered: job "
              + options.jobFile()
              + " is not valid:\n  - "
              + String.join("\n  - ", problems));
      return 2;
    }
    LocalStack stack = LocalStack.create(config, out);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "tempered-shutdown"));
    try (stack) {
      stack.start();
      GatewayClient gateway = new GatewayClient(stack.uri("gateway"), GatewayClient.LOCAL_DEV_KEY);
      out.println("submitting " + options.jobFile() + " with the job CLI's submit --wait");
      FollowOutcome outcome =
          new JobCli(out, err)
              .submitAndFollow(gateway, Json.MAPPER.writeValueAsString(job), options.timeout());
      return outcome.succeeded() ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("tempered: " + e.getMessage());
      return 1;
    }
  }
}
