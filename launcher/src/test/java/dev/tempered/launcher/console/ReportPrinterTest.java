package dev.tempered.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.job.RobustnessReport;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

  /** The shape of the gateway's RobustnessReport record. */
  static final String REPORT =
      """
      {"jobId": "j1", "heldOutPrompts": 4,
       "versions": [
         {"policyVersion": 0, "scored": 4, "expected": 4, "complete": true, "meanClean": 0.41,
          "meanNoisy": 0.3, "gap": 0.11, "worstGroup": "word-dropout",
          "groups": [
            {"group": "misspelling", "scored": 2, "meanClean": 0.4, "meanNoisy": 0.35, "gap": 0.05},
            {"group": "word-dropout", "scored": 2, "meanClean": 0.42, "meanNoisy": 0.25, "gap": 0.17}]},
         {"policyVersion": 2, "scored": 3, "expected": 4, "complete": false, "meanClean": 0.5,
          "meanNoisy": 0.45, "gap": 0.05, "worstGroup": "misspelling", "groups": []},
         {"policyVersion": 1, "scored": 4, "expected": 4, "complete": true, "meanClean": 0.44,
          "meanNoisy": 0.36, "gap": 0.08, "worstGroup": "word-dropout",
          "groups": [
            {"group": "misspelling", "scored": 2, "meanClean": 0.43, "meanNoisy": 0.4, "gap": 0.03}],
          "families": [
            {"group": "character", "scored": 3, "meanClean": 0.45, "meanNoisy": 0.38, "gap": 0.07},
            {"group": "none", "scored": 1, "meanClean": 0.41, "meanNoisy": 0.3, "gap": 0.11}],
          "strengths": [
            {"strength": 0.1, "scored": 4, "complete": true, "meanClean": 0.44, "meanNoisy": 0.42,
             "gap": 0.02, "families": [
               {"group": "character", "scored": 3, "meanClean": 0.45, "meanNoisy": 0.44, "gap": 0.01}]},
            {"strength": 0.4, "scored": 4, "complete": true, "meanClean": 0.44, "meanNoisy": 0.36,
             "gap": 0.08, "families": []}]}],
       "comparison": {"baselineVersion": 0, "version": 1, "meanNoisyBefore": 0.3,
          "meanNoisyAfter": 0.36, "pairedPrompts": 4, "meanDifference": 0.06,
          "ci95": {"lower": 0.012, "upper": 0.101, "level": 0.95, "resamples": 2000, "seed": 7}}}
      """;

  @Test
  void beforeShowsTheBaselineOverallAndPerGroup() {
    String text = ReportPrinter.before(report(REPORT));

    assertThat(text)
        .isEqualTo(
            """
        Robustness before training (policy v0, 4/4 held-out prompts)
          group         prompts  clean  noisy    gap
          all                 4  0.410  0.300  0.110
          misspelling         2  0.400  0.350  0.050
          word-dropout        2  0.420  0.250  0.170
          worst group under noise: word-dropout
        """);
  }

  @Test
  void afterShowsEveryVersionTheNewestGroupsAndTheComparison() {
    String text = ReportPrinter.after(report(REPORT));

    assertThat(text)
        .isEqualTo(
            """
        Robustness by policy version
          version  prompts  clean  noisy    gap   worst group
          v0           4/4  0.410  0.300  0.110  word-dropout
          v2           3/4  0.500  0.450  0.050   misspelling
          v1           4/4  0.440  0.360  0.080  word-dropout
        Groups of policy v1
          group        prompts  clean  noisy    gap
          all                4  0.440  0.360  0.080
          misspelling        2  0.430  0.400  0.030
        Families of policy v1
          family     prompts  clean  noisy    gap
          character        3  0.450  0.380  0.070
          none             1  0.410  0.300  0.110
        Noise strengths of policy v1
          strength     family  prompts  clean  noisy    gap
          0.10            all        4  0.440  0.420  0.020
          0.10      character        3  0.450  0.440  0.010
          0.40            all        4  0.440  0.360  0.080
        Before/after on noisy prompts
          mean noisy score before (v0)                   0.300
          mean noisy score after (v1)                    0.360
          paired difference (after - before)            +0.060
          paired prompts                                     4
          95% CI of the difference            [+0.012, +0.101]
          training improved the noisy-prompt score (the 95% CI lies above 0)
        """);
  }

  @Test
  void reportWithoutEvaluationsSaysSo() {
    RobustnessReport empty = report("{\"jobId\": \"j1\", \"versions\": [], \"comparison\": null}");

    assertThat(ReportPrinter.before(empty))
        .isEqualTo("Robustness before training: no evaluation of policy v0 yet\n");
    assertThat(ReportPrinter.after(empty))
        .isEqualTo("Robustness after training: the report has no evaluations\n");
    assertThat(empty.isComplete(0)).isFalse();
    assertThat(empty.newestCompleteVersion()).isEmpty();
  }

  @Test
  void verdictReadsTheIntervalAgainstZero() {
    assertThat(ReportPrinter.verdict(OptionalDouble.of(-0.2), OptionalDouble.of(-0.01)))
        .startsWith("training lowered");
    assertThat(ReportPrinter.verdict(OptionalDouble.of(-0.01), OptionalDouble.of(0.02)))
        .startsWith("no significant change");
    assertThat(ReportPrinter.verdict(OptionalDouble.empty(), OptionalDouble.of(0.02)))
        .isEqualTo("no confidence interval yet");
  }

  @Test
  void completenessFallsBackToCountsAndNewestCompleteIsTheHighestVersion() {
    RobustnessReport counted =
        report(
            """
        {"versions": [{"policyVersion": 0, "scored": 5, "expected": 5},
                      {"policyVersion": 3, "scored": 5, "expected": 5},
                      {"policyVersion": 4, "scored": 2, "expected": 5}]}""");

    assertThat(counted.isComplete(0)).isTrue();
    assertThat(counted.isComplete(4)).isFalse();
    assertThat(counted.newestCompleteVersion()).hasValue(3);
    assertThat(report(REPORT).newestCompleteVersion()).hasValue(1);
  }

  private static RobustnessReport report(String json) {
    return new RobustnessReport(Json.MAPPER.readTree(json));
  }
}
