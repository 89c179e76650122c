package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import dev.tempered.model.llama.Scalars;

/**
 * Sums and means under a 0/1 mask written as {@code where(mask, x, 0)}, so a NaN or Inf outside the
 * mask cannot leak into the result; an all-masked input gives 0, never NaN.
 */
public final class MaskedOps {

  private MaskedOps() {}

  /** x where mask is 1, else exactly 0. */
  public static NDArray masked(NDArray x, NDArray mask) {
    return NDArrays.where(mask.toType(DataType.BOOLEAN, false), x, x.zerosLike());
  }

  /**
   * The mask with whole rows switched off where {@code keep} [B] is 0, e.g. truncated completions
   * (TRL's {@code mask_truncated_completions}): they then count neither in the loss nor in any
   * normaliser.
   */
  public static NDArray keepRows(NDArray mask, NDArray keep) {
    return mask.mul(keep.toType(mask.getDataType(), false).expandDims(1));
  }

  /** Sum of x over mask along the last axis: [B, C] → [B]. */
  public static NDArray rowSum(NDArray x, NDArray mask) {
    return masked(x, mask).sum(new int[] {-1});
  }

  /** Sum of x over every masked element, as a scalar. */
  public static NDArray total(NDArray x, NDArray mask) {
    return masked(x, mask).sum();
  }

  /** Mean of x over every masked element; 0 when nothing is masked in. */
  public static NDArray mean(NDArray x, NDArray mask) {
    return total(x, mask).div(mask.sum().maximum(1f));
  }

  /** Aggregates per-token values [B, C] into a scalar as {@code aggregation} says. */
  public static NDArray aggregate(NDArray perToken, NDArray mask, LossAggregation aggregation) {
    long batch = perToken.getShape().get(0);
    long maxLength = perToken.getShape().get(1);
    return switch (aggregation) {
      case TOKEN_MEAN -> mean(perToken, mask);
      case DR_GRPO -> Scalars.div(total(perToken, mask), batch * maxLength);
      case SEQUENCE_MEAN -> {
        NDArray lengths = mask.sum(new int[] {-1});
        NDArray perSequence = rowSum(perToken, mask).div(lengths.maximum(1f));
        // sequences with no valid token contribute nothing and are not counted
        NDArray present = lengths.gt(0f).toType(DataType.FLOAT32, false);
        yield perSequence.mul(present).sum().div(present.sum().maximum(1f));
      }
    };
  }
}
