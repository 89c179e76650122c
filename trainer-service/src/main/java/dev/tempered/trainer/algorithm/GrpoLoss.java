package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tempered.model.llama.Scalars;

/**
 * The GRPO objective of DeepSeekMath as a loss to minimise. Per valid completion token t of
 * sequence i with ratio ρ = exp(logp − logp_old):
 *
 * <pre>
 *   loss_it = −min(ρ·A_i, clip(ρ, 1 − ε_low, 1 + ε_high)·A_i)·w_it + β·KL_it
 * </pre>
 *
 * aggregated over tokens as {@link LossAggregation} says. The KL term is added to the loss being
 * minimised, as TRL does. w_it is 1 unless truncated importance sampling is on: then logp_old is
 * the trainer's own (proximal) log-prob before this step and w_it = min(exp(logp_old −
 * logp_behaviour), cap) corrects for the sampler's stale policy (TRL's vLLM importance sampling
 * correction). With {@link ImportanceLevel#SEQUENCE} ρ is one number per sequence (GSPO).
 */
public final class GrpoLoss {

  private GrpoLoss() {}

  /**
   * The ratio taken against the sampler's behaviour log-probs, no importance weights.
   *
   * @param logp current policy log-probs [B, C] (differentiable)
   * @param oldLogp behaviour log-probs from the sampler [B, C]
   * @param refLogp reference log-probs [B, C], or null when beta is 0
   * @param advantages one advantage per sequence [B]
   * @param mask 1 for valid completion tokens [B, C]
   */
  public static GrpoResult compute(
      NDArray logp,
      NDArray oldLogp,
      NDArray refLogp,
      NDArray advantages,
      NDArray mask,
      GrpoSettings settings) {
    return compute(logp, oldLogp, null, refLogp, advantages, mask, settings);
  }

  /**
   * @param oldLogp log-probs the ratio is taken against [B, C]: the trainer's proximal ones when
   *     {@code behaviourLogp} is given, else the sampler's
   * @param behaviourLogp the sampler's log-probs [B, C] for truncated importance weights, or null
   */
  public static GrpoResult compute(
      NDArray logp,
      NDArray oldLogp,
      NDArray behaviourLogp,
      NDArray refLogp,
      NDArray advantages,
      NDArray mask,
      GrpoSettings settings) {
    if (behaviourLogp != null && settings.truncatedIsCap() == null) {
      throw new IllegalArgumentException("behaviour log-probs given but truncatedIsCap is not set");
    }
    // Padding positions hold arbitrary log-probs; replace them by 0 before any exp, so that an
    // overflow there cannot turn a zero gradient into 0 · inf = NaN in the backward pass.
    logp = MaskedOps.masked(logp, mask);
    oldLogp = MaskedOps.masked(oldLogp, mask);
    refLogp = refLogp == null ? null : MaskedOps.masked(refLogp, mask);
    NDArray ratio = ratio(logp.sub(oldLogp), mask, settings.importanceLevel());
    ClippedSurrogate.Result surrogate =
        ClippedSurrogate.compute(
            ratio, advantages.expandDims(1), settings.epsilonLow(), settings.epsilonHigh());
    NDArray policyPerToken = surrogate.perToken();
    TruncatedImportance.Result importance = null;
    if (behaviourLogp != null) {
      importance =
          TruncatedImportance.compute(
              oldLogp, MaskedOps.masked(behaviourLogp, mask), mask, settings.truncatedIsCap());
      policyPerToken = policyPerToken.mul(importance.weights());
    }
    NDArray perToken = policyPerToken;
    NDArray kl = null;
    if (settings.beta() > 0) {
      NDArray klPerToken = settings.klEstimator().perToken(logp, refLogp);
      kl = MaskedOps.mean(klPerToken, mask);
      perToken = policyPerToken.add(Scalars.mul(klPerToken, settings.beta()));
    }
    return new GrpoResult(
        MaskedOps.aggregate(perToken, mask, settings.aggregation()),
        MaskedOps.aggregate(policyPerToken, mask, settings.aggregation()),
        kl,
        MaskedOps.total(surrogate.lowActive().mul(mask.onesLike()), mask),
        MaskedOps.total(surrogate.highActive().mul(mask.onesLike()), mask),
        mask.sum(),
        SampleLosses.of(perToken, mask, settings.aggregation()),
        importance);
  }

  /** Per-token ratios [B, C], or each sequence's ratio repeated over its positions (GSPO). */
  private static NDArray ratio(NDArray logRatio, NDArray mask, ImportanceLevel level) {
    if (level == ImportanceLevel.TOKEN) {
      return logRatio.exp();
    }
    NDArray lengths = mask.sum(new int[] {-1}).maximum(1f);
    NDArray perSequence = MaskedOps.rowSum(logRatio, mask).div(lengths).expandDims(1);
    return perSequence.exp().mul(mask.onesLike().toType(DataType.FLOAT32, false));
  }

  /**
   * The loss and the sums its metrics are made of (global sums over tokens, so metrics across
   * micro-batches can be added before dividing).
   *
   * @param kl mean KL over valid tokens, or null when beta is 0
   * @param clippedLowTokens count of valid tokens where the lower clip is active
   * @param clippedHighTokens count of valid tokens where the upper clip is active
   * @param validTokens count of valid completion tokens
   * @param samples the loss per sample, for group-robust weighting
   * @param importance the truncated importance weights, or null when they are off
   */
  public record GrpoResult(
      NDArray loss,
      NDArray policyLoss,
      NDArray kl,
      NDArray clippedLowTokens,
      NDArray clippedHighTokens,
      NDArray validTokens,
      SampleLosses samples,
      TruncatedImportance.Result importance) {}
}
