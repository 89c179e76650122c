package dev.tempered.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.launcher.job.FakeGateway;
import dev.tempered.launcher.job.FakeGateway.Answer;
import dev.tempered.launcher.job.GatewayClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JobMonitorTest {

  static final String BASELINE =
      """
      {"versions": [{"policyVersion": 0, "scored": 2, "expected": 2, "complete": true,
        "meanClean": 0.5, "meanNoisy": 0.25, "gap": 0.25, "worstGroup": "misspelling", "groups": []}]}""";
  static final String FINAL =
      """
      {"versions": [
        {"policyVersion": 0, "scored": 2, "expected": 2, "complete": true, "meanClean": 0.5,
         "meanNoisy": 0.25, "gap": 0.25, "worstGroup": "misspelling", "groups": []},
        {"policyVersion": 2, "scored": 2, "expected": 2, "complete": true, "meanClean": 0.5,
         "meanNoisy": 0.3, "gap": 0.2, "worstGroup": "misspelling", "groups": []}],
       "comparison": {"baselineVersion": 0, "version": 2, "meanNoisyBefore": 0.25, "meanNoisyAfter": 0.3,
         "pairedPrompts": 2, "meanDifference": 0.05, "ci95": {"lower": -0.1, "upper": 0.2}}}""";

  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void followsAJobToSuccessPrintingStepsAndBothReports() throws Exception {
    try (FakeGateway gateway =
        new FakeGateway()
            .on(
                "GET /v1/jobs/j1",
                new Answer(
                    200, "{\"id\": \"j1\", \"state\": \"QUEUED\", \"step\": 0, \"totalSteps\": 2}"),
                new Answer(
                    200,
                    "{\"id\": \"j1\", \"state\": \"RUNNING\", \"step\": 1, \"totalSteps\": 2,"
                        + " \"latestReward\": 0.25, \"metrics\": {\"kl\": 0.001, \"tokensPerSecond\": 99.6},"
                        + " \"policyVersion\": 1}"),
                new Answer(
                    200,
                    "{\"id\": \"j1\", \"state\": \"RUNNING\", \"step\": 2, \"totalSteps\": 2,"
                        + " \"latestReward\": 0.5, \"policyVersion\": 2}"),
                new Answer(
                    200,
                    "{\"id\": \"j1\", \"state\": \"SUCCEEDED\", \"step\": 2, \"totalSteps\": 2}"))
            .on(
                "GET /v1/jobs/j1/report",
                new Answer(404, ""),
                new Answer(200, BASELINE),
                new Answer(200, FINAL))) {
      JobMonitor.Outcome outcome =
          new JobMonitor(new GatewayClient(gateway.uri()), out, Duration.ofMillis(10))
              .watch("j1", OptionalLong.empty(), Duration.ofSeconds(30));

      assertThat(outcome.succeeded()).isTrue();
      assertThat(outcome.timedOut()).isFalse();
      assertThat(outcome.report())
          .hasValueSatisfying(r -> assertThat(r.newestCompleteVersion()).hasValue(2));
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .containsSubsequence(
              "job j1 QUEUED\n",
              "job j1 RUNNING\n",
              "step 1/2  reward 0.250  kl 0.0010  policy v1  tokens/s 100\n",
              "Robustness before training (policy v0, 2/2 held-out prompts)\n",
              "step 2/2  reward 0.500  kl -  policy v2  tokens/s -\n",
              "job j1 SUCCEEDED\n",
              "Robustness by policy version\n",
              "  95% CI of the difference",
              "no significant change");
      // The baseline is shown once, and the report is not fetched again until the job ends.
      assertThat(gateway.requests()).filteredOn(r -> r.endsWith("/report")).hasSize(3);
    }
  }

  @Test
  void aFailedJobIsNotASuccessAndItsErrorIsShown() throws Exception {
    try (FakeGateway gateway =
        new FakeGateway()
            .on(
                "GET /v1/jobs/j2",
                new Answer(
                    200,
                    "{\"id\": \"j2\", \"state\": \"FAILED\", \"step\": 0, \"error\": \"trainer: NaN loss\"}"))) {
      JobMonitor.Outcome outcome =
          new JobMonitor(new GatewayClient(gateway.uri()), out, Duration.ofMillis(10))
              .watch("j2", OptionalLong.of(4), Duration.ofSeconds(30));

      assertThat(outcome.succeeded()).isFalse();
      assertThat(outcome.job().state()).isEqualTo("FAILED");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("job j2 FAILED: trainer: NaN loss");
    }
  }

  @Test
  void stopsAtTheDeadline() throws Exception {
    try (FakeGateway gateway =
        new FakeGateway()
            .on(
                "GET /v1/jobs/j3",
                new Answer(200, "{\"id\": \"j3\", \"state\": \"RUNNING\", \"step\": 1}"))) {
      JobMonitor.Outcome outcome =
          new JobMonitor(new GatewayClient(gateway.uri()), out, Duration.ofMillis(20))
              .watch("j3", OptionalLong.of(4), Duration.ofMillis(200));

      assertThat(outcome.timedOut()).isTrue();
      assertThat(outcome.succeeded()).isFalse();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("job j3 did not finish within 200ms (state RUNNING); the report so far:");
    }
  }
}
