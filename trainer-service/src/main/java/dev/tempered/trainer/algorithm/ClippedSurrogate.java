package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * PPO's clipped surrogate as a per-token loss to minimise, {@code −min(ρ·A, clip(ρ, 1 − ε_low, 1 +
 * ε_high)·A)}, shared by GRPO and PPO. With ε 0.2: (ρ 1.5, A +1) → −1.2; (1.5, −1) → 1.5; (0.5, +1)
 * → −0.5; (0.5, −1) → 0.8.
 */
public final class ClippedSurrogate {

  private ClippedSurrogate() {}

  /**
   * @param perToken the loss at each position, shaped like {@code ratio}
   * @param lowActive 1 where the lower clip decides the value (ρ < 1 − ε_low and A < 0), else 0
   * @param highActive 1 where the upper clip decides the value (ρ > 1 + ε_high and A > 0), else 0
   */
  public record Result(NDArray perToken, NDArray lowActive, NDArray highActive) {}

  /**
   * @param ratio π/π_old per token [B, C] (differentiable)
   * @param advantages broadcastable to {@code ratio}: [B, 1] for one advantage per sequence, [B, C]
   *     for one per token
   */
  public static Result compute(
      NDArray ratio, NDArray advantages, double epsilonLow, double epsilonHigh) {
    NDArray unclipped = ratio.mul(advantages);
    NDArray clipped = ratio.clip(1 - epsilonLow, 1 + epsilonHigh).mul(advantages);
    NDArray perToken = unclipped.minimum(clipped).neg();
    // The clip is active only where it changes the objective, so only there is it counted.
    NDArray low = ratio.lt(1 - epsilonLow).logicalAnd(advantages.lt(0f));
    NDArray high = ratio.gt(1 + epsilonHigh).logicalAnd(advantages.gt(0f));
    return new Result(
        perToken, low.toType(DataType.FLOAT32, false), high.toType(DataType.FLOAT32, false));
  }
}
