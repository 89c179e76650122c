package dev.tempered.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.launcher.job.JobSnapshot;
import dev.tempered.launcher.job.Json;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void formatsAStepOfTheGatewaysJobView() {
    JobSnapshot job =
        view(
            """
        {"id": "j1", "state": "RUNNING", "step": 12, "totalSteps": 40, "latestReward": 0.32149,
         "metrics": {"kl": 0.00412, "tokensPerSecond": 2345.4}, "policyVersion": 1}""");

    assertThat(ProgressPrinter.line(job, OptionalLong.empty()))
        .isEqualTo("step 12/40  reward 0.321  kl 0.0041  policy v1  tokens/s 2345");
  }

  @Test
  void missingFieldsShowADash() {
    JobSnapshot job =
        view(
            """
        {"id": "j1", "state": "RUNNING", "step": 3, "latestReward": null, "metrics": null}""");

    assertThat(ProgressPrinter.line(job, OptionalLong.empty()))
        .isEqualTo("step 3/-  reward -  kl -  policy -  tokens/s -");
    assertThat(ProgressPrinter.line(job, OptionalLong.of(40)))
        .isEqualTo("step 3/40  reward -  kl -  policy -  tokens/s -");
  }

  @Test
  void printsOnlyStepsNotSeenBefore() {
    ProgressPrinter printer = new ProgressPrinter(OptionalLong.of(4));

    assertThat(printer.update(view("{\"step\": 0}"))).isEmpty();
    assertThat(printer.update(view("{\"step\": 1, \"latestReward\": 0.5}")))
        .hasValue("step 1/4  reward 0.500  kl -  policy -  tokens/s -");
    assertThat(printer.update(view("{\"step\": 1, \"latestReward\": 0.5}"))).isEmpty();
    assertThat(printer.update(view("{\"step\": 3}")))
        .hasValueSatisfying(l -> l.startsWith("step 3/4"));
  }

  private static JobSnapshot view(String json) {
    return new JobSnapshot(Json.MAPPER.readTree(json));
  }
}
