package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tempered.model.llama.Scalars;

/**
 * One loss per sample with the weight it carries in the batch loss, so that {@code Σ w_i·ℓ_i / Σ
 * w_i} over any subset of samples is that subset's loss under the same aggregation: the form the
 * group-robust weighting needs to get one loss per data group.
 *
 * @param losses ℓ_i per sample [B] (differentiable)
 * @param weights w_i per sample [B] (not differentiable): token counts for token-mean, 1 per
 *     non-empty sequence for sequence-mean, 1 per row for dr-grpo and for per-sample losses such as
 *     DPO's
 */
public record SampleLosses(NDArray losses, NDArray weights) {

  /** Every sample weighs the same: per-pair or per-sequence losses. */
  public static SampleLosses uniform(NDArray losses) {
    return new SampleLosses(losses, losses.onesLike().stopGradient());
  }

  /** Splits per-token losses [B, C] into per-sample losses consistent with {@code aggregation}. */
  public static SampleLosses of(NDArray perToken, NDArray mask, LossAggregation aggregation) {
    NDArray sums = MaskedOps.rowSum(perToken, mask);
    NDArray lengths = mask.sum(new int[] {-1});
    return switch (aggregation) {
      case TOKEN_MEAN -> new SampleLosses(sums.div(lengths.maximum(1f)), lengths);
      case SEQUENCE_MEAN ->
          new SampleLosses(
              sums.div(lengths.maximum(1f)), lengths.gt(0f).toType(DataType.FLOAT32, false));
      case DR_GRPO ->
          new SampleLosses(Scalars.div(sums, perToken.getShape().get(1)), lengths.onesLike());
    };
  }

  /** The batch loss these samples make: {@code Σ w_i·ℓ_i / Σ w_i}, 0 when every weight is 0. */
  public NDArray total() {
    return losses.mul(weights).sum().div(weights.sum().maximum(1e-12f));
  }
}
