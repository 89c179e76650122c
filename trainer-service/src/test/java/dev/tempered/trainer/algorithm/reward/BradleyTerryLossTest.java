package dev.tempered.trainer.algorithm.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed Bradley–Terry values: −log σ(1) = log(1 + e^−1) = 0.3132617, −log σ(0) = log 2 =
 * 0.6931472, d/dr_c −log σ(r_c − r_r) = −σ(−(r_c − r_r)) = −(1 − σ(1)) = −0.2689414 at a difference
 * of 1.
 */
class BradleyTerryLossTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray vec(float... v) {
    return manager.create(v);
  }

  @Test
  void lossAccuracyMarginAndRewardSums() {
    BradleyTerryLoss.Result r =
        BradleyTerryLoss.compute(vec(1f, 0.5f, -1f), vec(0f, 0.5f, 1f), null, 0);
    // per pair: −log σ(1), −log σ(0), −log σ(−2) = log(1 + e^2) = 2.1269280
    double expected = (0.3132617 + 0.6931472 + 2.1269280) / 3;
    assertThat(r.loss().getFloat()).isCloseTo((float) expected, within(1e-6f));
    BradleyTerryLoss.Sums s = r.sums();
    assertThat(s.pairs()).isEqualTo(3);
    assertThat(s.bradleyTerry()).isCloseTo(3 * expected, within(1e-5));
    // the tie (0.5, 0.5) is not a win
    assertThat(s.correct()).isEqualTo(1);
    assertThat(s.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(s.margin()).isCloseTo(1 + 0 - 2, within(1e-6));
    assertThat(s.chosen()).isCloseTo(0.5, within(1e-6));
    assertThat(s.rejected()).isCloseTo(1.5, within(1e-6));
  }

  @Test
  void marginIsSubtractedFromTheRewardDifference() {
    // Llama 2: −log σ(r_c − r_r − m) with r_c 2, r_r 0, m 1 → −log σ(1)
    BradleyTerryLoss.Result r = BradleyTerryLoss.compute(vec(2f), vec(0f), vec(1f), 0);
    assertThat(r.loss().getFloat()).isCloseTo(0.3132617f, within(1e-6f));
    // the reported margin is the reward difference itself
    assertThat(r.sums().margin()).isCloseTo(2.0, within(1e-6));
  }

  @Test
  void centringAddsCoefficientTimesMeanSquaredSum() {
    // pairs (1, 0) and (0.5, 0.5): BT mean (0.3132617 + 0.6931472) / 2 = 0.5032044;
    // mean (r_c + r_r)² = (1 + 1) / 2 = 1; coefficient 0.01 → 0.5132044
    BradleyTerryLoss.Result r = BradleyTerryLoss.compute(vec(1f, 0.5f), vec(0f, 0.5f), null, 0.01);
    assertThat(r.loss().getFloat()).isCloseTo(0.5132044f, within(1e-6f));
    assertThat(r.sums().bradleyTerry()).isCloseTo(2 * 0.5032044, within(1e-5));
  }

  @Test
  void gradientsOfLossAndCentring() {
    NDArray chosen = vec(1f);
    NDArray rejected = vec(0f);
    chosen.setRequiresGradient(true);
    rejected.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(BradleyTerryLoss.compute(chosen, rejected, null, 0.01).loss());
    }
    // −(1 − σ(1)) + 0.01 · 2 · (1 + 0) and +(1 − σ(1)) + 0.01 · 2 · 1
    assertThat(chosen.getGradient().getFloat(0)).isCloseTo(-0.2489414f, within(1e-6f));
    assertThat(rejected.getGradient().getFloat(0)).isCloseTo(0.2889414f, within(1e-6f));
  }

  @Test
  void extremeDifferencesStayFinite() {
    BradleyTerryLoss.Result r = BradleyTerryLoss.compute(vec(-100f, 100f), vec(0f, 0f), null, 0);
    // softplus(100) = 100, softplus(−100) ≈ 0
    assertThat(r.loss().getFloat()).isCloseTo(50f, within(1e-4f));
    assertThatThrownBy(() -> BradleyTerryLoss.compute(vec(0f), vec(0f), null, -1))
        .hasMessageContaining("center rewards coefficient");
  }
}
