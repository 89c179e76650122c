package dev.tempered.trainer.algorithm.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Golden values of DESIGN.md section 4 for PPO plus hand-computed padding and KL cases. */
class PpoTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray row(float... v) {
    return manager.create(v, new Shape(1, v.length));
  }

  @Test
  void clippedPolicyLossGoldenValues() {
    PpoSettings s = new PpoSettings(0.2, 0.2, 0.2, 0.0);
    float[][] cases = {{1.5f, 1f, -1.2f}, {1.5f, -1f, 1.5f}, {0.5f, 1f, -0.5f}, {0.5f, -1f, 0.8f}};
    for (float[] c : cases) {
      NDArray zero = row(0f);
      PpoLoss.PpoResult r =
          PpoLoss.compute(
              row((float) Math.log(c[0])), zero, row(c[1]), zero, zero, zero, row(1f), s);
      assertThat(r.policyLoss().getFloat())
          .as("r %s A %s", c[0], c[1])
          .isCloseTo(c[2], within(1e-6f));
      assertThat(r.loss().getFloat()).isCloseTo(c[2], within(1e-6f));
    }
  }

  @Test
  void clippedValueLossTakesTheLargerSquareWithTheHalfFactor() {
    // V_old 0.5, clip 0.2, so V_clip ∈ [0.3, 0.7]:
    //   V 1.0, R 0.6: unclipped 0.16, clipped (0.7 − 0.6)² = 0.01 → 0.16
    //   V 1.0, R 1.2: unclipped 0.04, clipped (0.7 − 1.2)² = 0.25 → 0.25 (clip active)
    //   V 0.55, R 1.5: both 0.9025
    // 0.5 · (0.16 + 0.25 + 0.9025) / 3 = 0.21875
    NDArray values = row(1.0f, 1.0f, 0.55f, 7f);
    values.setRequiresGradient(true);
    NDArray zeros = row(0f, 0f, 0f, 0f);
    NDArray mask = row(1f, 1f, 1f, 0f);
    PpoSettings s = new PpoSettings(0.2, 0.2, 0.2, 0.1);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      PpoLoss.PpoResult r =
          PpoLoss.compute(
              zeros,
              zeros,
              zeros,
              values,
              row(0.5f, 0.5f, 0.5f, 0.5f),
              row(0.6f, 1.2f, 1.5f, 0f),
              mask,
              s);
      assertThat(r.valueLoss().getFloat()).isCloseTo(0.21875f, within(1e-6f));
      assertThat(r.valueClippedTokens().getFloat()).isEqualTo(1f);
      // zero advantages: loss = vf_coef · value loss
      assertThat(r.loss().getFloat()).isCloseTo(0.021875f, within(1e-7f));
      collector.backward(r.valueLoss());
    }
    // d/dV 0.5·(V − R)²/3 = (V − R)/3 where unclipped wins; 0 where the clip saturates; 0 at
    // padding
    assertThat(values.getGradient().toFloatArray())
        .containsExactly(new float[] {0.4f / 3, 0f, -0.95f / 3, 0f}, within(1e-6f));
  }

  @Test
  void gaeGoldenValuesAndPaddingAfterEos() {
    Gae.Result golden =
        Gae.compute(
            new float[] {0, 0, 1},
            new float[] {0.5f, 0.5f, 0.5f},
            new float[] {1, 1, 1},
            3,
            1,
            0.95);
    assertThat(golden.advantages())
        .containsExactly(new float[] {0.45125f, 0.475f, 0.5f}, within(1e-6f));
    // the same sequence followed by padding that holds garbage rewards and values
    Gae.Result padded =
        Gae.compute(
            new float[] {0, 0, 1, 9, 9},
            new float[] {0.5f, 0.5f, 0.5f, 7, 7},
            new float[] {1, 1, 1, 0, 0},
            5,
            1,
            0.95);
    assertThat(padded.advantages())
        .containsExactly(new float[] {0.45125f, 0.475f, 0.5f, 0, 0}, within(1e-6f));
    assertThat(padded.returns())
        .containsExactly(new float[] {0.95125f, 0.975f, 1f, 0, 0}, within(1e-6f));
  }

  @Test
  void gaeWithDiscount() {
    // δ1 = 1 − 0.4 = 0.6; δ0 = 0.9 · 0.4 − 0.2 = 0.16; A0 = 0.16 + 0.9 · 0.8 · 0.6 = 0.592
    Gae.Result r =
        Gae.compute(new float[] {0, 1}, new float[] {0.2f, 0.4f}, new float[] {1, 1}, 2, 0.9, 0.8);
    assertThat(r.advantages()).containsExactly(new float[] {0.592f, 0.6f}, within(1e-6f));
  }

  @Test
  void scoreLandsOnTheLastValidTokenWithTheKlPenaltyOnEveryToken() {
    float[] rewards =
        TokenRewards.of(
            new float[] {1f, 2f},
            new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 99f},
            0.5,
            new float[] {1, 1, 1, 1, 1, 0},
            3);
    assertThat(rewards)
        .containsExactly(new float[] {-0.05f, -0.1f, 0.85f, -0.2f, 1.75f, 0f}, within(1e-6f));
  }

  @Test
  void whiteningUsesValidTokensOnlyAndPadsStayZero() {
    // valid [1, 2, 3]: mean 2, Bessel variance 1
    float[] w = Whitening.whiten(new float[] {1, 2, 3, 100}, new float[] {1, 1, 1, 0}, true);
    assertThat(w).containsExactly(new float[] {-1f, 0f, 1f, 0f}, within(1e-6f));
    float[] kept = Whitening.whiten(new float[] {1, 2, 3, 100}, new float[] {1, 1, 1, 0}, false);
    assertThat(kept).containsExactly(new float[] {1f, 2f, 3f, 0f}, within(1e-6f));
  }

  @Test
  void adaptiveKlControllerFollowsZiegler() {
    KlController kl = KlController.adaptive(0.2, 6, 10_000);
    // KL 9: error clip(0.5) = 0.2, × (1 + 0.2 · 256 / 10000) = 1.00512
    kl.update(9, 256);
    assertThat(kl.value()).isCloseTo(0.201024, within(1e-9));
    // KL 3: error clip(−0.5) = −0.2, × 0.99488
    kl.update(3, 256);
    assertThat(kl.value()).isCloseTo(0.201024 * 0.99488, within(1e-9));
    // KL 6.6: error 0.1 inside the clip, × 1.00256
    kl.update(6.6, 256);
    assertThat(kl.value()).isCloseTo(0.201024 * 0.99488 * 1.00256, within(1e-9));
    KlController fixed = KlController.fixed(0.05);
    fixed.update(100, 256);
    assertThat(fixed.value()).isEqualTo(0.05);
  }

  @Test
  void minibatchPlanCoversEachIndexOncePerEpoch() {
    List<int[]> plan = MinibatchPlan.of(10, 3, 2, 42);
    assertThat(plan).hasSize(6);
    assertThat(plan.stream().mapToInt(p -> p.length).toArray()).containsExactly(3, 3, 4, 3, 3, 4);
    for (int e = 0; e < 2; e++) {
      Set<Integer> seen = new HashSet<>();
      for (int m = 0; m < 3; m++) {
        for (int i : plan.get(e * 3 + m)) {
          assertThat(seen.add(i)).isTrue();
        }
      }
      assertThat(seen).hasSize(10);
    }
    List<int[]> again = MinibatchPlan.of(10, 3, 2, 42);
    for (int i = 0; i < plan.size(); i++) {
      assertThat(again.get(i)).containsExactly(plan.get(i));
    }
  }
}
