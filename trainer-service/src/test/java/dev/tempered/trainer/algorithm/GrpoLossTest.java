package dev.tempered.trainer.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Golden values of DESIGN.md section 4 plus hand-computed cases. */
class GrpoLossTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray row(float... values) {
    return manager.create(values, new Shape(1, values.length));
  }

  private float grpoLoss(float ratio, float advantage, LossAggregation aggregation) {
    NDArray logp = row((float) Math.log(ratio));
    GrpoSettings s = new GrpoSettings(0.2, 0.2, 0.0, KlEstimator.K3, aggregation);
    return GrpoLoss.compute(
            logp, row(0f), null, manager.create(new float[] {advantage}), row(1f), s)
        .loss()
        .getFloat();
  }

  @Test
  void clippedSurrogateMatchesGoldenValues() {
    assertThat(grpoLoss(1.5f, 1f, LossAggregation.TOKEN_MEAN)).isCloseTo(-1.2f, within(1e-6f));
    assertThat(grpoLoss(1.5f, -1f, LossAggregation.TOKEN_MEAN)).isCloseTo(1.5f, within(1e-6f));
    assertThat(grpoLoss(0.5f, 1f, LossAggregation.TOKEN_MEAN)).isCloseTo(-0.5f, within(1e-6f));
    assertThat(grpoLoss(0.5f, -1f, LossAggregation.TOKEN_MEAN)).isCloseTo(0.8f, within(1e-6f));
  }

  @Test
  void clipHigherWidensOnlyTheUpperBound() {
    // epsilonHigh 0.28 (DAPO): ratio 1.25 with A=+1 is not clipped any more: loss -1.25.
    GrpoSettings s = new GrpoSettings(0.2, 0.28, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    var r =
        GrpoLoss.compute(
            row((float) Math.log(1.25)),
            row(0f),
            null,
            manager.create(new float[] {1f}),
            row(1f),
            s);
    assertThat(r.loss().getFloat()).isCloseTo(-1.25f, within(1e-6f));
    assertThat(r.clippedHighTokens().getFloat()).isZero();
    // ratio 1.5 with A=+1 is clipped at 1.28, and counted as a high clip.
    var clipped =
        GrpoLoss.compute(
            row((float) Math.log(1.5)),
            row(0f),
            null,
            manager.create(new float[] {1f}),
            row(1f),
            s);
    assertThat(clipped.loss().getFloat()).isCloseTo(-1.28f, within(1e-6f));
    assertThat(clipped.clippedHighTokens().getFloat()).isEqualTo(1f);
    assertThat(clipped.clippedLowTokens().getFloat()).isZero();
  }

  @Test
  void klEstimatorsMatchGoldenValues() {
    NDArray logp = manager.create(new float[] {-1.0f});
    NDArray ref = manager.create(new float[] {-1.5f});
    assertThat(KlEstimator.K1.perToken(logp, ref).getFloat(0)).isCloseTo(0.5f, within(1e-6f));
    assertThat(KlEstimator.K2.perToken(logp, ref).getFloat(0)).isCloseTo(0.125f, within(1e-6f));
    assertThat(KlEstimator.K3.perToken(logp, ref).getFloat(0)).isCloseTo(0.106531f, within(1e-6f));
  }

  @Test
  void klIsAddedToTheLossWithBeta() {
    // ratio 1 (logp = old = -1), A = 0 → policy loss 0; k3 0.106531 × beta 0.5 = 0.0532655.
    GrpoSettings s = new GrpoSettings(0.2, 0.2, 0.5, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    var r =
        GrpoLoss.compute(
            row(-1f), row(-1f), row(-1.5f), manager.create(new float[] {0f}), row(1f), s);
    assertThat(r.loss().getFloat()).isCloseTo(0.0532655f, within(1e-6f));
    assertThat(r.kl().getFloat()).isCloseTo(0.106531f, within(1e-6f));
  }

  @Test
  void aggregationsMatchGoldenValues() {
    NDArray perToken = manager.create(new float[] {1, 1, 0, 0, 2, 2, 2, 2}, new Shape(2, 4));
    NDArray mask = manager.create(new float[] {1, 1, 0, 0, 1, 1, 1, 1}, new Shape(2, 4));
    assertThat(MaskedOps.aggregate(perToken, mask, LossAggregation.SEQUENCE_MEAN).getFloat())
        .isCloseTo(1.5f, within(1e-6f));
    assertThat(MaskedOps.aggregate(perToken, mask, LossAggregation.TOKEN_MEAN).getFloat())
        .isCloseTo(1.666667f, within(1e-6f));
    assertThat(MaskedOps.aggregate(perToken, mask, LossAggregation.DR_GRPO).getFloat())
        .isCloseTo(1.25f, within(1e-6f));
  }

  @Test
  void nanOutsideTheMaskCannotLeakAndAllMaskedGivesZero() {
    NDArray perToken =
        manager.create(new float[] {1, Float.NaN, 3, Float.POSITIVE_INFINITY}, new Shape(2, 2));
    NDArray mask = manager.create(new float[] {1, 0, 1, 0}, new Shape(2, 2));
    for (LossAggregation a : LossAggregation.values()) {
      assertThat(MaskedOps.aggregate(perToken, mask, a).getFloat()).as(a.name()).isFinite();
      assertThat(MaskedOps.aggregate(perToken, mask.zerosLike(), a).getFloat())
          .as(a.name())
          .isZero();
    }
    assertThat(MaskedOps.aggregate(perToken, mask, LossAggregation.TOKEN_MEAN).getFloat())
        .isCloseTo(2f, within(1e-6f));
  }

  @Test
  void nanLogprobsOnPaddingDoNotReachTheLoss() {
    NDArray logp = manager.create(new float[] {-1f, Float.NaN}, new Shape(1, 2));
    NDArray old = manager.create(new float[] {-1f, -2f}, new Shape(1, 2));
    NDArray mask = manager.create(new float[] {1f, 0f}, new Shape(1, 2));
    GrpoSettings s = new GrpoSettings(0.2, 0.2, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    float loss =
        GrpoLoss.compute(logp, old, null, manager.create(new float[] {2f}), mask, s)
            .loss()
            .getFloat();
    assertThat(loss).isCloseTo(-2f, within(1e-6f));
  }

  @Test
  void overflowOnPaddingGivesFiniteGradients() {
    // r = ref - logp = 200 at the padding position: exp(200) overflows float32 there.
    NDArray logp = manager.create(new float[] {-1f, -200f}, new Shape(1, 2));
    logp.setRequiresGradient(true);
    NDArray old = manager.create(new float[] {-1f, -1f}, new Shape(1, 2));
    NDArray ref = manager.create(new float[] {-1.5f, 0f}, new Shape(1, 2));
    NDArray mask = manager.create(new float[] {1f, 0f}, new Shape(1, 2));
    GrpoSettings s = new GrpoSettings(0.2, 0.2, 0.1, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss =
          GrpoLoss.compute(logp, old, ref, manager.create(new float[] {1f}), mask, s).loss();
      // ratio 1, A 1 → -1; k3(logp -1, ref -1.5) = 0.106531 × 0.1
      assertThat(loss.getFloat()).isCloseTo(-1f + 0.0106531f, within(1e-6f));
      collector.backward(loss);
    }
    float[] grad = logp.getGradient().toFloatArray();
    // d/dlogp of -ratio·A is -1; of beta·k3 = beta·(1 - exp(r)) = 0.1·(1 - e^-0.5) = 0.0393469
    assertThat(grad[0]).isCloseTo(-1f + 0.0393469f, within(1e-5f));
    assertThat(grad[1]).isZero();
  }
}
