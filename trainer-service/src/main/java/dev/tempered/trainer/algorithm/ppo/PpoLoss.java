package dev.tempered.trainer.algorithm.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tempered.model.llama.Scalars;
import dev.tempered.trainer.algorithm.ClippedSurrogate;
import dev.tempered.trainer.algorithm.LossAggregation;
import dev.tempered.trainer.algorithm.MaskedOps;
import dev.tempered.trainer.algorithm.SampleLosses;

/**
 * PPO's loss over valid completion tokens: the clipped policy surrogate with per-token advantages
 * plus valueCoefficient times the clipped value loss 0.5·max((V − R)², (V_clip − R)²), V_clip =
 * V_old + clip(V − V_old, ±valueClip); both are token means over the batch, as TRL's PPO.
 */
public final class PpoLoss {

  private PpoLoss() {}

  /**
   * @param logp current policy log-probs [B, C] (differentiable)
   * @param oldLogp log-probs of the policy that generated the tokens [B, C]
   * @param advantages per-token advantages [B, C], usually whitened
   * @param values current value predictions [B, C] (differentiable)
   * @param oldValues value predictions before the update [B, C]
   * @param returns value targets [B, C] (GAE returns)
   * @param mask 1 for valid completion tokens [B, C]
   */
  public static PpoResult compute(
      NDArray logp,
      NDArray oldLogp,
      NDArray advantages,
      NDArray values,
      NDArray oldValues,
      NDArray returns,
      NDArray mask,
      PpoSettings settings) {
    NDArray ratio = MaskedOps.masked(logp, mask).sub(MaskedOps.masked(oldLogp, mask)).exp();
    ClippedSurrogate.Result surrogate =
        ClippedSurrogate.compute(
            ratio,
            MaskedOps.masked(advantages, mask),
            settings.epsilonLow(),
            settings.epsilonHigh());
    NDArray policyLoss = MaskedOps.mean(surrogate.perToken(), mask);
    ValueTerms value = valueTerms(values, oldValues, returns, mask, settings.valueClip());
    NDArray valueLoss = Scalars.mul(MaskedOps.mean(value.perToken(), mask), 0.5);
    return new PpoResult(
        policyLoss.add(Scalars.mul(valueLoss, settings.valueCoefficient())),
        policyLoss,
        valueLoss,
        MaskedOps.total(surrogate.lowActive(), mask),
        MaskedOps.total(surrogate.highActive(), mask),
        MaskedOps.total(value.clipped(), mask),
        mask.sum(),
        SampleLosses.of(surrogate.perToken(), mask, LossAggregation.TOKEN_MEAN));
  }

  private record ValueTerms(NDArray perToken, NDArray clipped) {}

  private static ValueTerms valueTerms(
      NDArray values, NDArray oldValues, NDArray returns, NDArray mask, double clip) {
    NDArray v = MaskedOps.masked(values, mask);
    NDArray old = MaskedOps.masked(oldValues, mask);
    NDArray target = MaskedOps.masked(returns, mask);
    NDArray clippedValues = old.add(v.sub(old).clip(-clip, clip));
    NDArray unclippedLoss = v.sub(target).square();
    NDArray clippedLoss = clippedValues.sub(target).square();
    NDArray clipped = clippedLoss.gt(unclippedLoss).toType(DataType.FLOAT32, false);
    return new ValueTerms(unclippedLoss.maximum(clippedLoss), clipped);
  }

  /**
   * @param loss policy loss + valueCoefficient·value loss (differentiable)
   * @param valueLoss 0.5·token mean of max(unclipped², clipped²)
   * @param valueClippedTokens valid tokens where the clipped value term is the larger one
   * @param samples per-sequence policy losses (token means, weighted by length, so their weighted
   *     mean is {@code policyLoss}) for group-robust weighting; the value loss is not reweighted
   */
  public record PpoResult(
      NDArray loss,
      NDArray policyLoss,
      NDArray valueLoss,
      NDArray clippedLowTokens,
      NDArray clippedHighTokens,
      NDArray valueClippedTokens,
      NDArray validTokens,
      SampleLosses samples) {}
}
