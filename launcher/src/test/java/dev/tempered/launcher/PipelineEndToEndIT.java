package dev.tempered.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.launcher.cli.FollowOutcome;
import dev.tempered.launcher.cli.JobCli;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.JobFile;
import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.job.RobustnessReport;
import dev.tempered.launcher.stack.FreePorts;
import dev.tempered.launcher.stack.LocalStack;
import dev.tempered.launcher.stack.LogTail;
import dev.tempered.launcher.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real pipeline on stories260K: the launcher's own classes start a Kafka broker and the five
 * service jars as processes, a small GRPO job runs to its end, and a trained checkpoint is
 * evaluated by the sampler. Skips when the shared files or a service jar are missing.
 */
class PipelineEndToEndIT {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

  @Test
  void smallJobTrainsPublishesACheckpointAndEvaluatesIt() throws Exception {
    Optional<Path> shared = SharedResources.find();
    skipUnless(shared.isPresent(), "../shared not found: set TEMPERED_SHARED_DIR to run it");
    Path repo = Path.of(System.getProperty("tempered.repo.dir", "..")).toAbsolutePath().normalize();
    Map<String, Integer> ports = new LinkedHashMap<>();
    StackConfig.DEFAULT_PORTS.keySet().forEach(service -> ports.put(service, FreePorts.pick()));
    Path runBase = Path.of(System.getProperty("tempered.run.dir", "target/e2e-run"));
    Files.createDirectories(runBase);
    StackConfig config =
        new StackConfig(
            repo,
            Files.createTempDirectory(runBase.toAbsolutePath(), "run-"),
            Path.of(System.getProperty("tempered.kafka.libs", "target/kafka-libs")),
            ports,
            shared,
            "1g",
            Duration.ofMinutes(5));
    List<String> missing =
        config.services().stream()
            .filter(s -> !Files.isRegularFile(config.jar(s)))
            .map(s -> config.jar(s).toString())
            .toList();
    skipUnless(
        missing.isEmpty(),
        "service jars not built (run ./mvnw -B verify from the root): " + missing);

    ObjectNode job = JobFile.read(repo.resolve("examples/demo-job.json"));
    JobFile.override(job, "training.steps", "4");
    JobFile.override(job, "training.checkpointEvery", "2");
    JobFile.override(job, "training.promptsPerStep", "4");
    JobFile.override(job, "dataset.heldOutPrompts", "16");
    JobFile.override(job, "sampling.candidates", "4");
    assertThat(JobFile.problems(job)).isEmpty();

    try (LocalStack stack = LocalStack.create(config, System.out).start()) {
      GatewayClient gateway = new GatewayClient(stack.uri("gateway"), GatewayClient.LOCAL_DEV_KEY);
      // the demo's path: the job CLI's submit --wait over the event stream
      FollowOutcome outcome =
          new JobCli(System.out, System.err)
              .submitAndFollow(gateway, Json.MAPPER.writeValueAsString(job), JOB_TIMEOUT);
      String jobId = outcome.job().id();

      assertThat(outcome.succeeded())
          .as(
              "job %s ended %s (timed out: %s, error: %s); logs:%n%s",
              jobId,
              outcome.job().state(),
              outcome.timedOut(),
              outcome.job().error().orElse("none"),
              logTails(config))
          .isTrue();
      assertThat(outcome.job().step()).hasValue(4);
      long checkpoint = outcome.job().latestCheckpointVersion().orElse(-1);
      assertThat(checkpoint)
          .as("latest checkpoint version in the job view")
          .isGreaterThanOrEqualTo(1);
      assertThat(config.checkpointDir().resolve(jobId).resolve("v" + checkpoint + ".bin"))
          .isRegularFile();

      RobustnessReport report = outcome.report().orElseThrow();
      assertThat(report.isComplete(0)).as("baseline evaluation complete").isTrue();
      // Greedy answers under a version >= 1 exist only if the sampler loaded a trained checkpoint.
      long evaluated = report.newestCompleteVersion().orElse(-1);
      assertThat(evaluated)
          .as("newest completely evaluated policy version")
          .isGreaterThanOrEqualTo(1);
      assertThat(Json.integer(report.version(evaluated).orElseThrow(), "scored")).hasValue(16);
    }
  }

  /** Skips with the reason in the build output too, where failsafe would otherwise hide it. */
  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("PipelineEndToEndIT skipped: " + reason);
    }
    assumeTrue(condition, reason);
  }

  private static String logTails(StackConfig config) {
    return config.services().stream()
        .map(s -> "--- " + s + "\n" + LogTail.of(config.log(s), 15))
        .collect(Collectors.joining("\n"));
  }
}
