package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tempered.model.llama.Scalars;

/**
 * The GRPO objective of DeepSeekMath as a loss to minimise. Per valid completion token t of
 * sequence i with ratio ρ = exp(logp − logp_old) against the behaviour policy:
 *
 * <pre>
 *   loss_it = −min(ρ·A_i, clip(ρ, 1 − ε_low, 1 + ε_high)·A_i) + β·KL_it
 * </pre>
 *
 * aggregated over tokens as {@link LossAggregation} says. The KL term is added to the loss being
 * minimised, as TRL does.
 */
public final class GrpoLoss {

  private GrpoLoss() {}

  /**
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
    // Padding positions hold arbitrary log-probs; replace them by 0 before any exp, so that an
    // overflow there cannot turn a zero gradient into 0 · inf = NaN in the backward pass.
    logp = MaskedOps.masked(logp, mask);
    oldLogp = MaskedOps.masked(oldLogp, mask);
    refLogp = refLogp == null ? null : MaskedOps.masked(refLogp, mask);
    NDArray ratio = logp.sub(oldLogp).exp();
    NDArray adv = advantages.expandDims(1);
    NDArray unclipped = ratio.mul(adv);
    NDArray clippedRatio = ratio.clip(1 - settings.epsilonLow(), 1 + settings.epsilonHigh());
    NDArray perToken = unclipped.minimum(clippedRatio.mul(adv)).neg();
    NDArray policyLoss = MaskedOps.aggregate(perToken, mask, settings.aggregation());
    NDArray loss = policyLoss;
    NDArray kl = null;
    if (settings.beta() > 0) {
      NDArray klPerToken = settings.klEstimator().perToken(logp, refLogp);
      kl = MaskedOps.mean(klPerToken, mask);
      loss =
          policyLoss.add(
              Scalars.mul(
                  MaskedOps.aggregate(klPerToken, mask, settings.aggregation()), settings.beta()));
    }
    // The clip is active only where it changes the objective: ratio below 1 − ε with A < 0, or
    // above 1 + ε with A > 0.
    NDArray lowActive = ratio.lt(1 - settings.epsilonLow()).logicalAnd(adv.lt(0f));
    NDArray highActive = ratio.gt(1 + settings.epsilonHigh()).logicalAnd(adv.gt(0f));
    NDArray clipLow = MaskedOps.total(lowActive.toType(DataType.FLOAT32, false), mask);
    NDArray clipHigh = MaskedOps.total(highActive.toType(DataType.FLOAT32, false), mask);
    return new GrpoResult(loss, policyLoss, kl, clipLow, clipHigh, mask.sum());
  }

  /**
   * The loss and the sums its metrics are made of (global sums over tokens, so metrics across
   * micro-batches can be added before dividing).
   *
   * @param kl mean KL over valid tokens, or null when beta is 0
   * @param clippedLowTokens count of valid tokens where the lower clip is active
   * @param clippedHighTokens count of valid tokens where the upper clip is active
   * @param validTokens count of valid completion tokens
   */
  public record GrpoResult(
      NDArray loss,
      NDArray policyLoss,
      NDArray kl,
      NDArray clippedLowTokens,
      NDArray clippedHighTokens,
      NDArray validTokens) {}
}
