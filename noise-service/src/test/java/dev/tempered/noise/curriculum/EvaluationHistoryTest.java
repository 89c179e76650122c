package dev.tempered.noise.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationHistoryTest {

  @Test
  void averagesEachCompleteVersionCountingEveryPromptOnce() {
    EvaluationHistory h = new EvaluationHistory();
    h.add(2, "p0", 0.6, 0.3);
    h.add(2, "p1", 0.4, 0.3);
    h.add(2, "p1", 0.0, 0.0); // redelivered: ignored
    h.add(0, "p0", 0.5, 0.5);
    h.add(0, "p1", 0.7, 0.1);
    h.add(1, "p0", 0.9, 0.9); // p1 missing: incomplete
    h.add(3, "p0", Double.NaN, 0.1); // not a score

    List<EvaluationHistory.Evaluated> done = h.complete(2);
    assertThat(done).extracting(EvaluationHistory.Evaluated::policyVersion).containsExactly(0L, 2L);
    // version 0: clean (0.5 + 0.7) / 2 = 0.6, noisy (0.5 + 0.1) / 2 = 0.3
    assertThat(done.get(0).cleanMean()).isCloseTo(0.6, within(1e-12));
    assertThat(done.get(0).noisyMean()).isCloseTo(0.3, within(1e-12));
    // version 2: clean (0.6 + 0.4) / 2 = 0.5, noisy 0.3
    assertThat(done.get(1).cleanMean()).isCloseTo(0.5, within(1e-12));
    assertThat(done.get(1).noisyMean()).isCloseTo(0.3, within(1e-12));
    assertThat(h.complete(3)).isEmpty();
  }

  @Test
  void theAdaptiveLevelFoldsTheRuleOverCompleteVersionsInOrder() {
    AdaptiveRule rule = new AdaptiveRule(0.1, 0.5, 0.1, 0.2);
    List<EvaluationHistory.Evaluated> versions =
        List.of(
            new EvaluationHistory.Evaluated(0, 0.5, 0.48), // gap 0.04: 0.1 -> 0.3
            new EvaluationHistory.Evaluated(1, 0.5, 0.30), // gap 0.4: stays 0.3
            new EvaluationHistory.Evaluated(2, 0.5, 0.50), // gap 0: 0.3 -> 0.5
            new EvaluationHistory.Evaluated(3, 0.5, 0.50)); // capped at 0.5
    assertThat(rule.level(List.of())).isEqualTo(0.1);
    assertThat(rule.level(versions.subList(0, 1))).isCloseTo(0.3, within(1e-12));
    assertThat(rule.level(versions.subList(0, 2))).isCloseTo(0.3, within(1e-12));
    assertThat(rule.level(versions)).isEqualTo(0.5);
  }
}
