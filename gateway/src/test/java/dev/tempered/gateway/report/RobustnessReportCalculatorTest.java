package dev.tempered.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RobustnessReportCalculatorTest {

  private static final Offset<Double> EXACT = within(1e-12);
  private static final String MIS = "misspelling";
  private static final String DROP = "word-dropout";

  /** Version 0 and 1 complete over four prompts, version 2 with one prompt scored so far. */
  private static final List<EvaluationScore> SCORES =
      List.of(
          new EvaluationScore("p1", MIS, 0, 0.8, 0.4),
          new EvaluationScore("p2", MIS, 0, 0.6, 0.2),
          new EvaluationScore("p3", DROP, 0, 0.7, 0.5),
          new EvaluationScore("p4", DROP, 0, 0.5, 0.3),
          new EvaluationScore("p1", MIS, 1, 0.8, 0.6),
          new EvaluationScore("p2", MIS, 1, 0.7, 0.5),
          new EvaluationScore("p3", DROP, 1, 0.7, 0.6),
          new EvaluationScore("p4", DROP, 1, 0.6, 0.4),
          new EvaluationScore("p1", MIS, 2, 0.9, 0.9));

  @Test
  void familiesCountAPromptOnceInEachFamilyOfItsKinds() {
    List<EvaluationScore> scores =
        List.of(
            score("p1", 0.8, 0.4, "char-swap", "keyboard-typo", "synonym"),
            score("p2", 0.6, 0.2, "keyboard-typo"),
            score("p3", 0.7, 0.5),
            new EvaluationScore("p4", MIS, 0, 0.5, 0.3),
            score("p5", 0.9, 0.3, "token-mask", "token-shuffle"));

    VersionSummary v0 = RobustnessReportCalculator.compute("job-f", 5, scores).versions().get(0);

    // p4 has no recorded kinds: in the version's means (3.5 / 5) but in no family
    assertThat(v0.meanClean()).isCloseTo(3.5 / 5, EXACT);
    assertThat(v0.families())
        .extracting(GroupSummary::group)
        .containsExactly("character", "none", "token", "word");
    // character: p1 (counted once for its two character kinds) and p2
    assertFamily(v0.families().get(0), 2, 0.7, 0.3);
    assertFamily(v0.families().get(1), 1, 0.7, 0.5); // none: p3, no operator changed it
    assertFamily(v0.families().get(2), 1, 0.9, 0.3); // token: p5
    assertFamily(v0.families().get(3), 1, 0.8, 0.4); // word: p1
  }

  @Test
  void meansPerStrengthWhileTheHeadlineCountsTheCurriculumsStrengthOnly() {
    List<EvaluationScore> scores =
        List.of(
            // the curriculum's held-out strength, 0.4
            strengthScore("p1", 0, 0.8, 0.4, 0.4, false, "char-swap"),
            strengthScore("p2", 0, 0.6, 0.2, 0.4, false, "synonym"),
            // copies at the job's evaluation strengths 0.1 (complete) and 0.9 (one of two)
            strengthScore("p1-at-0.1", 0, 0.8, 0.7, 0.1, true, "char-swap"),
            strengthScore("p2-at-0.1", 0, 0.6, 0.5, 0.1, true, "synonym"),
            strengthScore("p1-at-0.9", 0, 0.8, 0.1, 0.9, true, "char-swap"),
            // version 1: one old record without a strength, and a sweep copy
            new EvaluationScore("p1", MIS, 1, 0.5, 0.5),
            strengthScore("p2-at-0.1", 1, 0.9, 0.9, 0.1, true, "synonym"),
            // version 2 has only a sweep copy so far: not listed until a headline score exists
            strengthScore("p1-at-0.1", 2, 0.9, 0.9, 0.1, true, "char-swap"));

    RobustnessReport report = RobustnessReportCalculator.compute("job-s", 2, scores);

    assertThat(report.versions()).extracting(VersionSummary::policyVersion).containsExactly(0L, 1L);
    VersionSummary v0 = report.versions().get(0);
    // (0.8 + 0.6) / 2 and (0.4 + 0.2) / 2: the copies change neither the means nor the count
    assertThat(v0.scored()).isEqualTo(2);
    assertThat(v0.complete()).isTrue();
    assertThat(v0.meanClean()).isCloseTo(0.7, EXACT);
    assertThat(v0.meanNoisy()).isCloseTo(0.3, EXACT);
    assertThat(v0.families()).extracting(GroupSummary::scored).containsExactly(1, 1);
    assertThat(v0.strengths()).extracting(StrengthSummary::strength).containsExactly(0.1, 0.4, 0.9);
    StrengthSummary weak = v0.strengths().get(0);
    assertStrength(weak, 2, true, 0.7, 0.6); // (0.7 + 0.5) / 2
    assertThat(weak.families())
        .extracting(GroupSummary::group)
        .containsExactly("character", "word");
    assertFamily(weak.families().get(0), 1, 0.8, 0.7);
    assertFamily(weak.families().get(1), 1, 0.6, 0.5);
    assertStrength(v0.strengths().get(1), 2, true, 0.7, 0.3);
    assertStrength(v0.strengths().get(2), 1, false, 0.8, 0.1);

    VersionSummary v1 = report.versions().get(1);
    assertThat(v1.meanNoisy()).isCloseTo(0.5, EXACT);
    assertThat(v1.strengths())
        .singleElement()
        .satisfies(s -> assertStrength(s, 1, false, 0.9, 0.9));
  }

  private static EvaluationScore strengthScore(
      String id,
      long version,
      double clean,
      double noisy,
      double strength,
      boolean sweep,
      String kind) {
    return new EvaluationScore(
        id, MIS, version, clean, noisy, EvaluationScore.familiesOf(List.of(kind)), strength, sweep);
  }

  private static void assertStrength(
      StrengthSummary s, int scored, boolean complete, double clean, double noisy) {
    String name = "strength " + s.strength();
    assertThat(s.scored()).as(name).isEqualTo(scored);
    assertThat(s.complete()).as(name).isEqualTo(complete);
    assertThat(s.meanClean()).as(name).isCloseTo(clean, EXACT);
    assertThat(s.meanNoisy()).as(name).isCloseTo(noisy, EXACT);
    assertThat(s.gap()).as(name).isCloseTo(clean - noisy, EXACT);
  }

  @Test
  void scoresWithoutKindsGiveNoFamilies() {
    assertThat(RobustnessReportCalculator.compute("job-1", 4, SCORES).versions())
        .allSatisfy(
            v -> {
              assertThat(v.families()).isEmpty();
              assertThat(v.strengths()).isEmpty();
            });
  }

  private static EvaluationScore score(String id, double clean, double noisy, String... kinds) {
    return new EvaluationScore(
        id, MIS, 0, clean, noisy, EvaluationScore.familiesOf(List.of(kinds)));
  }

  private static void assertFamily(GroupSummary f, int scored, double clean, double noisy) {
    assertThat(f.scored()).as(f.group()).isEqualTo(scored);
    assertThat(f.meanClean()).as(f.group()).isCloseTo(clean, EXACT);
    assertThat(f.meanNoisy()).as(f.group()).isCloseTo(noisy, EXACT);
    assertThat(f.gap()).as(f.group()).isCloseTo(clean - noisy, EXACT);
  }

  @Test
  void meansPerVersionAndGroup() {
    RobustnessReport report = RobustnessReportCalculator.compute("job-1", 4, SCORES);

    assertThat(report.jobId()).isEqualTo("job-1");
    assertThat(report.heldOutPrompts()).isEqualTo(4);
    assertThat(report.versions())
        .extracting(VersionSummary::policyVersion)
        .containsExactly(0L, 1L, 2L);

    VersionSummary v0 = report.versions().get(0);
    assertThat(v0.scored()).isEqualTo(4);
    assertThat(v0.expected()).isEqualTo(4);
    assertThat(v0.complete()).isTrue();
    assertThat(v0.meanClean()).isCloseTo(2.6 / 4, EXACT); // 0.65
    assertThat(v0.meanNoisy()).isCloseTo(1.4 / 4, EXACT); // 0.35
    assertThat(v0.gap()).isCloseTo(0.30, EXACT);
    assertThat(v0.worstGroup()).isEqualTo(MIS);
    assertThat(v0.groups()).extracting(GroupSummary::group).containsExactly(MIS, DROP);
    GroupSummary v0mis = v0.groups().get(0);
    assertThat(v0mis.scored()).isEqualTo(2);
    assertThat(v0mis.meanClean()).isCloseTo(0.7, EXACT);
    assertThat(v0mis.meanNoisy()).isCloseTo(0.3, EXACT);
    assertThat(v0mis.gap()).isCloseTo(0.4, EXACT);
    GroupSummary v0drop = v0.groups().get(1);
    assertThat(v0drop.meanClean()).isCloseTo(0.6, EXACT);
    assertThat(v0drop.meanNoisy()).isCloseTo(0.4, EXACT);
    assertThat(v0drop.gap()).isCloseTo(0.2, EXACT);

    VersionSummary v1 = report.versions().get(1);
    assertThat(v1.complete()).isTrue();
    assertThat(v1.meanClean()).isCloseTo(2.8 / 4, EXACT); // 0.70
    assertThat(v1.meanNoisy()).isCloseTo(2.1 / 4, EXACT); // 0.525
    assertThat(v1.gap()).isCloseTo(0.175, EXACT);
    assertThat(v1.groups().get(0).meanNoisy()).isCloseTo(0.55, EXACT);
    assertThat(v1.groups().get(1).meanNoisy()).isCloseTo(0.5, EXACT);
    assertThat(v1.worstGroup()).isEqualTo(DROP);

    VersionSummary v2 = report.versions().get(2);
    assertThat(v2.scored()).isEqualTo(1);
    assertThat(v2.complete()).isFalse();
  }

  @Test
  void comparesTheBaselineWithTheNewestCompleteVersion() {
    Comparison c = RobustnessReportCalculator.compute("job-1", 4, SCORES).comparison();

    assertThat(c.baselineVersion()).isZero();
    assertThat(c.version()).isEqualTo(1); // version 2 is incomplete
    assertThat(c.meanNoisyBefore()).isCloseTo(0.35, EXACT);
    assertThat(c.meanNoisyAfter()).isCloseTo(0.525, EXACT);
    assertThat(c.pairedPrompts()).isEqualTo(4);
    // differences 0.2, 0.3, 0.1, 0.1
    assertThat(c.meanDifference()).isCloseTo(0.175, EXACT);
    assertThat(c.ci95().lower()).isBetween(0.1, 0.175);
    assertThat(c.ci95().upper()).isBetween(0.175, 0.3);
    assertThat(c.ci95().resamples()).isEqualTo(10_000);
    assertThat(c.ci95().seed()).isEqualTo(RobustnessReportCalculator.SEED);
  }

  @Test
  void pairsOnlyPromptsScoredUnderBothVersions() {
    List<EvaluationScore> scores =
        List.of(
            new EvaluationScore("p1", MIS, 0, 0.5, 0.1),
            new EvaluationScore("p2", MIS, 0, 0.5, 0.3),
            new EvaluationScore("p3", MIS, 0, 0.5, 0.5),
            new EvaluationScore("p2", MIS, 3, 0.5, 0.7),
            new EvaluationScore("p3", MIS, 3, 0.5, 0.6),
            new EvaluationScore("p9", MIS, 3, 0.5, 0.2));

    Comparison c = RobustnessReportCalculator.compute("job-2", 3, scores).comparison();

    assertThat(c.version()).isEqualTo(3);
    assertThat(c.pairedPrompts()).isEqualTo(2);
    assertThat(c.meanNoisyBefore()).isCloseTo(0.3, EXACT);
    assertThat(c.meanNoisyAfter()).isCloseTo(0.5, EXACT);
    // p2: 0.7 - 0.3, p3: 0.6 - 0.5
    assertThat(c.meanDifference()).isCloseTo(0.25, EXACT);
  }

  @Test
  void noComparisonWithoutABaselineOrALaterCompleteVersion() {
    List<EvaluationScore> baselineOnly = List.of(new EvaluationScore("p1", MIS, 0, 0.5, 0.1));
    List<EvaluationScore> noBaseline = List.of(new EvaluationScore("p1", MIS, 1, 0.5, 0.1));

    assertThat(RobustnessReportCalculator.compute("j", 1, baselineOnly).comparison()).isNull();
    assertThat(RobustnessReportCalculator.compute("j", 1, noBaseline).comparison()).isNull();
    assertThat(RobustnessReportCalculator.compute("j", 1, List.of()).versions()).isEmpty();
  }
}
