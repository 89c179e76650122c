package dev.tempered.noise.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.job.CurriculumSpec;
import org.junit.jupiter.api.Test;

class AdaptiveRuleTest {

  private final AdaptiveRule rule = new AdaptiveRule(0.1, 0.35, 0.1, 0.1);

  @Test
  void raisesStrengthWhenTheNoisyScoreIsWithinTheToleranceOfTheClean() {
    // gap (0.50 - 0.46) / 0.50 = 0.08 <= 0.1: raise 0.1 -> 0.2.
    assertThat(rule.next(0.1, 0.50, 0.46)).isCloseTo(0.2, within(1e-12));
    // gap exactly 0.1 still counts: (0.40 - 0.36) / 0.40.
    assertThat(rule.next(0.2, 0.40, 0.36)).isCloseTo(0.3, within(1e-12));
    // a noisy score above the clean one is a negative gap.
    assertThat(rule.next(0.2, 0.40, 0.45)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void keepsStrengthWhenTheGapIsWide() {
    // gap (0.50 - 0.40) / 0.50 = 0.2 > 0.1.
    assertThat(rule.next(0.2, 0.50, 0.40)).isEqualTo(0.2);
  }

  @Test
  void neverPassesTheEndStrength() {
    assertThat(rule.next(0.3, 0.5, 0.5)).isEqualTo(0.35);
    assertThat(rule.next(0.35, 0.5, 0.5)).isEqualTo(0.35);
  }

  @Test
  void theGapIsRelativeToTheCleanScoreGuardedAtZero() {
    assertThat(AdaptiveRule.relativeGap(-0.5, -0.6)).isCloseTo(0.2, within(1e-12));
    // clean 0, noisy 0: gap 0, so strength rises; clean 0, noisy -0.1: a huge gap.
    assertThat(rule.next(0.1, 0.0, 0.0)).isCloseTo(0.2, within(1e-12));
    assertThat(rule.next(0.1, 0.0, -0.1)).isEqualTo(0.1);
  }

  @Test
  void takesItsSettingsFromTheSpecWithDefaults() {
    AdaptiveRule fromSpec = AdaptiveRule.of(new CurriculumSpec("adaptive", 0.0, 0.5));
    assertThat(fromSpec).isEqualTo(new AdaptiveRule(0.0, 0.5, 0.1, 0.1));
    assertThat(AdaptiveRule.of(new CurriculumSpec("adaptive", 0.0, 0.5, null, 0.02, 0.25)))
        .isEqualTo(new AdaptiveRule(0.0, 0.5, 0.02, 0.25));
  }

  @Test
  void rejectsBadSettingsAndNonFiniteScores() {
    assertThatThrownBy(() -> new AdaptiveRule(0.5, 0.2, 0.1, 0.1)).hasMessageContaining("<=");
    assertThatThrownBy(() -> new AdaptiveRule(0.1, 0.5, 0.1, 0)).hasMessageContaining("increment");
    assertThatThrownBy(() -> rule.next(0.1, Double.NaN, 0.2)).hasMessageContaining("finite");
  }
}
