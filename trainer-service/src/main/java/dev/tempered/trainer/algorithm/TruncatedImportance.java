package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Truncated importance sampling (Ionides 2008; Yao et al. 2025 for RL on LLMs): per-token weights w
 * = min(exp(logp_old − logp_behaviour), cap) that correct for the sampler drawing from an older or
 * numerically different policy than the trainer's, with the cap bounding the variance. Not
 * differentiable: the weights scale the gradient, they do not receive one.
 */
public final class TruncatedImportance {

  private TruncatedImportance() {}

  /**
   * @param weights w per token [B, C], 0 at padding
   * @param weightSum Σ w over valid tokens (for the mean weight as a token sum)
   * @param truncatedTokens valid tokens whose raw weight exceeded the cap
   */
  public record Result(NDArray weights, NDArray weightSum, NDArray truncatedTokens) {}

  public static Result compute(NDArray oldLogp, NDArray behaviourLogp, NDArray mask, double cap) {
    NDArray raw = MaskedOps.masked(oldLogp.sub(behaviourLogp), mask).stopGradient().exp();
    NDArray weights = MaskedOps.masked(raw.minimum(cap), mask);
    NDArray truncated = raw.gt(cap).toType(DataType.FLOAT32, false);
    return new Result(weights, weights.sum(), MaskedOps.total(truncated, mask));
  }
}
