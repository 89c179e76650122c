package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.job.PpoSpec;
import dev.tempered.api.job.TrainingSpec;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * PPO's targets wired from the step's passes, by hand on a batch of two rows, the second padded
 * after two tokens (pads hold garbage that must not leak). Row 0: old [−1, −2, −1], ref [−1.5, −2,
 * −0.5] → k1 [0.5, 0, −0.5]; klCoef 0.1 and score 1 → rewards [−0.05, 0, 1.05]; V 0.5 each; GAE (γ
 * 1, λ 0.95, V after the last token 0): A2 = 1.05 − 0.5 = 0.55, A1 = 0 + 0.95·0.55 = 0.5225, A0 =
 * −0.05 + 0.95·0.5225 = 0.446375; R = A + V. Row 1: old [−1, −1], ref [−1, −2] → k1 [0, 1]; score 0
 * → rewards [0, −0.1]; V [0.2, 0.4]: A1 = −0.1 − 0.4 = −0.5, A0 = 0.4 − 0.2 + 0.95·(−0.5) = −0.275.
 * Advantages over the 5 valid tokens: mean 0.148775, Bessel std 0.497421.
 */
class PpoTargetsTest {

  private static final Offset<Float> F = within(1e-5f);

  private static final float[] OLD = {-1, -2, -1, -1, -1, 7};
  private static final float[] REF = {-1.5f, -2, -0.5f, -1, -2, 9};
  private static final float[] VALUES = {0.5f, 0.5f, 0.5f, 0.2f, 0.4f, 99};
  private static final float[] MASK = {1, 1, 1, 1, 1, 0};
  private static final float[] SCORES = {1, 0};

  private static PpoOptions options(Boolean whiten) {
    PpoSpec ppo = new PpoSpec(1.0, 0.95, null, null, 1, 1, whiten, null, 0.1, null, null, null);
    return PpoOptions.of(
        new TrainingSpec(
            1, 1, 1e-3, 0, 0, 0.2, 0.2, 1, 1, 0, null, null, null, null, null, null, null, null,
            null, null, ppo, null));
  }

  @Test
  void tokenRewardsGaeAndReturnsFollowTheHandComputation() {
    PpoTargets t = PpoTargets.of(SCORES, OLD, REF, VALUES, MASK, 3, 0.1, options(false));
    assertThat(t.advantages())
        .containsExactly(new float[] {0.446375f, 0.5225f, 0.55f, -0.275f, -0.5f, 0}, F);
    assertThat(t.returns())
        .containsExactly(new float[] {0.946375f, 1.0225f, 1.05f, -0.075f, -0.1f, 0}, F);
    // k1 over the valid tokens: (0.5 + 0 − 0.5 + 0 + 1) / 5 per token, / 2 per sequence
    assertThat(t.klPerToken()).isCloseTo(0.2, within(1e-6));
    assertThat(t.klPerSequence()).isCloseTo(0.5, within(1e-6));
    assertThat(t.advantageMean()).isCloseTo(0.148775, within(1e-6));
    assertThat(t.advantageStd()).isCloseTo(0.4974213, within(1e-6));
    assertThat(t.returnMean())
        .isCloseTo((0.946375 + 1.0225 + 1.05 - 0.075 - 0.1) / 5, within(1e-6));
  }

  @Test
  void whitenedAdvantagesKeepPadsAtZeroAndReturnsUnwhitened() {
    PpoTargets t = PpoTargets.of(SCORES, OLD, REF, VALUES, MASK, 3, 0.1, options(null));
    // (A − 0.148775) / sqrt(0.497421² + 1e-8)
    assertThat(t.advantages())
        .containsExactly(
            new float[] {0.5982856f, 0.7513248f, 0.8066100f, -0.8519438f, -1.3042766f, 0}, F);
    assertThat(t.returns()[0]).isCloseTo(0.946375f, F);
    // the statistics describe the advantages before whitening
    assertThat(t.advantageMean()).isCloseTo(0.148775, within(1e-6));
  }

  @Test
  void withoutAReferenceOnlyTheScoreIsRewarded() {
    PpoTargets t = PpoTargets.of(SCORES, OLD, null, VALUES, MASK, 3, 0.1, options(false));
    // row 0: rewards [0, 0, 1]: A2 = 0.5, A1 = 0.95·0.5, A0 = 0.95²·0.5
    assertThat(t.advantages()[0]).isCloseTo(0.45125f, F);
    assertThat(t.advantages()[2]).isCloseTo(0.5f, F);
    assertThat(t.klPerToken()).isZero();
  }

  @Test
  void aMinibatchTakesItsRowsAtItsOwnWidth() {
    PpoTargets t = PpoTargets.of(SCORES, OLD, REF, VALUES, MASK, 3, 0.1, options(false));
    PpoTargets second = t.select(new int[] {1}, 2);
    assertThat(second.width()).isEqualTo(2);
    assertThat(second.advantages()).containsExactly(new float[] {-0.275f, -0.5f}, F);
    assertThat(second.mask()).containsExactly(1f, 1f);
    PpoTargets both = t.select(new int[] {1, 0}, 3);
    assertThat(both.oldValues()).containsExactly(0.2f, 0.4f, 99f, 0.5f, 0.5f, 0.5f);
    assertThat(both.mask()).containsExactly(1f, 1f, 0f, 1f, 1f, 1f);
  }
}
