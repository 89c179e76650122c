package dev.tempered.trainer.algorithm.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden values of DESIGN.md section 4 (β 0.1, chosen log-ratio +1, rejected −1, so h = 2 and β·h =
 * 0.2) and hand-computed IPO, combined and gradient cases.
 */
class DpoLossTest {

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

  /** One pair with log π(y_w) = chosenRatio, log π(y_l) = rejectedRatio and references at 0. */
  private PreferenceLogprobs pair(float chosenRatio, float rejectedRatio) {
    return new PreferenceLogprobs(
        vec(chosenRatio), vec(rejectedRatio), vec(0f), vec(0f), vec(3f), vec(3f));
  }

  private float loss(DpoLossType type, double eps) {
    return DpoLoss.compute(pair(1f, -1f), DpoSettings.of(type, 0.1, eps)).loss().getFloat();
  }

  @Test
  void sigmoidHingeAndRobustGoldenValues() {
    // −log σ(0.2) = log(1 + e^−0.2) = 0.598139
    assertThat(loss(DpoLossType.SIGMOID, 0)).isCloseTo(0.598139f, within(1e-6f));
    // max(0, 1 − 0.2)
    assertThat(loss(DpoLossType.HINGE, 0)).isCloseTo(0.8f, within(1e-6f));
    // (0.9 · 0.598139 + 0.1 · log σ(−0.2)) / 0.8 = (0.538325 − 0.0798139) / 0.8 = 0.573139
    assertThat(loss(DpoLossType.ROBUST, 0.1)).isCloseTo(0.573139f, within(1e-6f));
    // conservative DPO: 0.9 · 0.598139 + 0.1 · 0.798139 = 0.618139
    assertThat(loss(DpoLossType.SIGMOID, 0.1)).isCloseTo(0.618139f, within(1e-6f));
  }

  @Test
  void ipoUsesLengthNormalisedLogRatios() {
    // chosen: policy −2 over 2 tokens, reference −4 → summed +2, normalised +1;
    // rejected: policy −8 over 4 tokens, reference −4 → summed −4, normalised −1.
    // h = 2, 1/(2β) = 5: (2 − 5)² = 9. Unnormalised h would be 6: (6 − 5)² = 1.
    PreferenceLogprobs p =
        new PreferenceLogprobs(vec(-2f), vec(-8f), vec(-4f), vec(-4f), vec(2f), vec(4f));
    DpoLoss.DpoResult r = DpoLoss.compute(p, DpoSettings.of(DpoLossType.IPO, 0.1, 0));
    assertThat(r.loss().getFloat()).isCloseTo(9f, within(1e-5f));
    // only IPO: metrics over the normalised log-ratios, as TRL
    assertThat(r.metrics().rewardsChosen()).isCloseTo(0.1, within(1e-6));
    assertThat(r.metrics().rewardsRejected()).isCloseTo(-0.1, within(1e-6));
  }

  @Test
  void weightedTermsAreSummed() {
    DpoSettings mix =
        new DpoSettings(
            0.1,
            0,
            List.of(
                new DpoSettings.Term(DpoLossType.SIGMOID, 0.5),
                new DpoSettings.Term(DpoLossType.HINGE, 2.0)));
    // 0.5 · 0.598139 + 2 · 0.8 = 1.8990695
    assertThat(DpoLoss.compute(pair(1f, -1f), mix).loss().getFloat())
        .isCloseTo(1.8990695f, within(1e-6f));
  }

  @Test
  void metricsAreMeansOverPairsWithStrictAccuracy() {
    // pair 1: rewards 0.1 / −0.1; pair 2: a tie at 0.05 / 0.05.
    PreferenceLogprobs p =
        new PreferenceLogprobs(
            vec(1f, 0.5f), vec(-1f, 0.5f), vec(0f, 0f), vec(0f, 0f), vec(1f, 1f), vec(1f, 1f));
    DpoLoss.DpoMetrics m =
        DpoLoss.compute(p, DpoSettings.of(DpoLossType.SIGMOID, 0.1, 0)).metrics();
    assertThat(m.rewardsChosen()).isCloseTo(0.075, within(1e-6));
    assertThat(m.rewardsRejected()).isCloseTo(-0.025, within(1e-6));
    assertThat(m.margin()).isCloseTo(0.1, within(1e-6));
    assertThat(m.accuracy()).isEqualTo(0.5);
    // (0.598139 + 0.693147) / 2
    assertThat(m.loss()).isCloseTo(0.645643, within(1e-6));
    assertThat(m.pairs()).isEqualTo(2);
  }

  @Test
  void tieGivesLog2AndZeroGradient() {
    // The same completion as chosen and rejected: h = 0 whatever the policy does, so the loss is
    // log 2 and the two halves of the gradient cancel exactly.
    NDArray tokens = manager.create(new float[] {-0.7f, -1.3f, Float.NaN}, new Shape(1, 3));
    NDArray mask = manager.create(new float[] {1f, 1f, 0f}, new Shape(1, 3));
    NDArray ref = manager.create(new float[] {-0.5f, -1f, 0f}, new Shape(1, 3));
    tokens.setRequiresGradient(true);
    for (DpoLossType type : List.of(DpoLossType.SIGMOID, DpoLossType.ROBUST)) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        PreferenceLogprobs p = PreferenceLogprobs.fromTokens(tokens, tokens, ref, ref, mask, mask);
        DpoLoss.DpoResult r = DpoLoss.compute(p, DpoSettings.of(type, 0.1, 0.1));
        assertThat(r.loss().getFloat()).as(type.name()).isCloseTo(0.693147f, within(1e-6f));
        assertThat(r.metrics().accuracy()).isZero();
        collector.backward(r.loss());
      }
      assertThat(tokens.getGradient().toFloatArray()).containsExactly(0f, 0f, 0f);
    }
  }

  @Test
  void sigmoidGradientIsMinusBetaTimesSigmoidOfMinusBetaH() {
    NDArray chosen = vec(1f);
    NDArray rejected = vec(-1f);
    chosen.setRequiresGradient(true);
    rejected.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      PreferenceLogprobs p =
          new PreferenceLogprobs(chosen, rejected, vec(0f), vec(0f), vec(1f), vec(1f));
      collector.backward(DpoLoss.compute(p, DpoSettings.of(DpoLossType.SIGMOID, 0.1, 0)).loss());
    }
    // −0.1 · σ(−0.2) = −0.1 · 0.4501660 = −0.0450166, and the opposite for the rejected side
    assertThat(chosen.getGradient().getFloat()).isCloseTo(-0.0450166f, within(1e-6f));
    assertThat(rejected.getGradient().getFloat()).isCloseTo(0.0450166f, within(1e-6f));
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> DpoSettings.of(DpoLossType.ROBUST, 0.1, 0.5))
        .hasMessageContaining("labelSmoothing");
    assertThatThrownBy(() -> DpoSettings.of(DpoLossType.SIGMOID, 0, 0))
        .hasMessageContaining("beta");
    assertThatThrownBy(() -> DpoLossType.fromWireName("kto"))
        .hasMessageContaining("[sigmoid, ipo, hinge, robust]");
  }
}
