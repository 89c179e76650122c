package dev.tempered.trainer.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for GRPO's options: sequence-level ratios (GSPO), truncated importance
 * weights, masking of truncated completions, per-sample losses and the zero-variance filter.
 */
class GrpoOptionsTest {

  private static final GrpoSettings BASE =
      new GrpoSettings(0.2, 0.2, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN);

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray rows(int rows, float... values) {
    return manager.create(values, new Shape(rows, values.length / rows));
  }

  private NDArray vec(float... values) {
    return manager.create(values);
  }

  private static float ln(double x) {
    return (float) Math.log(x);
  }

  @Test
  void tokenLevelRatiosClipEachToken() {
    // ratios 1.5 and 1.0 with A = +1: −1.2 and −1, token mean −1.1; one high clip
    GrpoLoss.GrpoResult r =
        GrpoLoss.compute(
            rows(1, ln(1.5), 0f), rows(1, 0f, 0f), null, vec(1f), rows(1, 1f, 1f), BASE);
    assertThat(r.loss().getFloat()).isCloseTo(-1.1f, within(1e-6f));
    assertThat(r.clippedHighTokens().getFloat()).isEqualTo(1f);
  }

  @Test
  void sequenceLevelRatioIsTheGeometricMeanOverValidTokens() {
    // GSPO: exp((ln 1.5 + ln 1) / 2) = sqrt(1.5) = 1.224745 for both tokens; the padding token
    // with a huge log-ratio is not part of the mean.
    GrpoSettings gspo = BASE.withImportanceLevel(ImportanceLevel.SEQUENCE);
    NDArray logp = rows(1, ln(1.5), 0f, 50f);
    NDArray mask = rows(1, 1f, 1f, 0f);
    GrpoLoss.GrpoResult clipped =
        GrpoLoss.compute(logp, rows(1, 0f, 0f, 0f), null, vec(1f), mask, gspo);
    // clipped at 1.2 for both tokens, both counted
    assertThat(clipped.loss().getFloat()).isCloseTo(-1.2f, within(1e-6f));
    assertThat(clipped.clippedHighTokens().getFloat()).isEqualTo(2f);
    GrpoSettings wide =
        new GrpoSettings(0.3, 0.3, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN)
            .withImportanceLevel(ImportanceLevel.SEQUENCE);
    GrpoLoss.GrpoResult free =
        GrpoLoss.compute(logp, rows(1, 0f, 0f, 0f), null, vec(1f), mask, wide);
    assertThat(free.loss().getFloat()).isCloseTo(-1.224745f, within(1e-6f));
    assertThat(free.clippedHighTokens().getFloat()).isZero();
  }

  @Test
  void truncatedImportanceWeightsScaleThePolicyTermOnly() {
    // ratio against the proximal policy is 1; old − behaviour = ln 3 (capped at 2) and ln 0.5.
    GrpoSettings tis = BASE.withTruncatedIsCap(2.0);
    NDArray logp = rows(1, -1f, -2f);
    NDArray behaviour = rows(1, -1f - ln(3), -2f - ln(0.5));
    GrpoLoss.GrpoResult r =
        GrpoLoss.compute(logp, logp, behaviour, null, vec(1f), rows(1, 1f, 1f), tis);
    // −(1 · 2) and −(1 · 0.5): token mean −1.25
    assertThat(r.loss().getFloat()).isCloseTo(-1.25f, within(1e-6f));
    assertThat(r.importance().weightSum().getFloat()).isCloseTo(2.5f, within(1e-6f));
    assertThat(r.importance().truncatedTokens().getFloat()).isEqualTo(1f);
    // with beta 0.5 and k3 0.106531 the KL is added unweighted: −2 + 0.0532655
    GrpoSettings withKl =
        new GrpoSettings(0.2, 0.2, 0.5, KlEstimator.K3, LossAggregation.TOKEN_MEAN)
            .withTruncatedIsCap(2.0);
    GrpoLoss.GrpoResult k =
        GrpoLoss.compute(
            rows(1, -1f),
            rows(1, -1f),
            rows(1, -1f - ln(3)),
            rows(1, -1.5f),
            vec(1f),
            rows(1, 1f),
            withKl);
    assertThat(k.loss().getFloat()).isCloseTo(-1.9467345f, within(1e-6f));
  }

  @Test
  void maskedTruncatedCompletionsLeaveTheNormaliser() {
    // per-token losses [1, 1] and [2, 2, 2, 2]; the second completion was cut at the length limit
    NDArray perToken = rows(2, 1, 1, 0, 0, 2, 2, 2, 2);
    NDArray mask = rows(2, 1, 1, 0, 0, 1, 1, 1, 1);
    NDArray kept = MaskedOps.keepRows(mask, vec(1f, 0f));
    assertThat(kept.sum().getFloat()).isEqualTo(2f);
    // token mean over the 2 remaining tokens, not (2 + 8) / 6
    assertThat(MaskedOps.aggregate(perToken, kept, LossAggregation.TOKEN_MEAN).getFloat())
        .isCloseTo(1f, within(1e-6f));
    assertThat(MaskedOps.aggregate(perToken, kept, LossAggregation.SEQUENCE_MEAN).getFloat())
        .isCloseTo(1f, within(1e-6f));
  }

  @Test
  void sampleLossesRebuildEveryAggregation() {
    NDArray perToken = rows(2, 1, 1, 0, 0, 2, 2, 2, 2);
    NDArray mask = rows(2, 1, 1, 0, 0, 1, 1, 1, 1);
    float[] golden = {1.5f, 1.666667f, 1.25f};
    LossAggregation[] order = {
      LossAggregation.SEQUENCE_MEAN, LossAggregation.TOKEN_MEAN, LossAggregation.DR_GRPO
    };
    for (int i = 0; i < order.length; i++) {
      SampleLosses s = SampleLosses.of(perToken, mask, order[i]);
      assertThat(s.total().getFloat()).as(order[i].name()).isCloseTo(golden[i], within(1e-6f));
    }
    // dr-grpo per sample: row sums over L_max 4
    assertThat(SampleLosses.of(perToken, mask, LossAggregation.DR_GRPO).losses().toFloatArray())
        .containsExactly(0.5f, 2f);
  }

  @Test
  void zeroVarianceGroupsAreDroppedAndCounted() {
    GroupFilter.Result r =
        GroupFilter.zeroVariance(
            List.of(new double[] {0, 1}, new double[] {1, 1, 1, 1}, new double[] {0.5, 0.5}));
    assertThat(r.keep()).containsExactly(true, false, false);
    assertThat(r.dropped()).isEqualTo(2);
  }
}
