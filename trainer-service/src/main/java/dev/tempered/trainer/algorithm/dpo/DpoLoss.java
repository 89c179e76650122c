package dev.tempered.trainer.algorithm.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.tempered.model.llama.Scalars;
import dev.tempered.trainer.algorithm.SampleLosses;

/**
 * The DPO family as a loss to minimise: a weighted sum of {@link DpoLossType} terms per pair,
 * averaged over pairs, with TRL's metrics rewards/chosen = β·(log π(y_w) − log π_ref(y_w)),
 * rewards/rejected likewise, margins = their difference and accuracies = the fraction of pairs with
 * rewards/chosen strictly above rewards/rejected (a tie is not a win).
 */
public final class DpoLoss {

  private DpoLoss() {}

  public static DpoResult compute(PreferenceLogprobs pairs, DpoSettings settings) {
    double beta = settings.beta();
    double eps = settings.labelSmoothing();
    NDArray perPair = null;
    for (DpoSettings.Term term : settings.terms()) {
      NDArray loss = term(term.type(), pairs, beta, eps);
      NDArray weighted = term.weight() == 1.0 ? loss : Scalars.mul(loss, term.weight());
      perPair = perPair == null ? weighted : perPair.add(weighted);
    }
    boolean normalised = settings.onlyIpo();
    NDArray chosen = Scalars.mul(pairs.chosenLogRatio(normalised), beta).stopGradient();
    NDArray rejected = Scalars.mul(pairs.rejectedLogRatio(normalised), beta).stopGradient();
    return new DpoResult(perPair.mean(), SampleLosses.uniform(perPair), chosen, rejected);
  }

  private static NDArray term(DpoLossType type, PreferenceLogprobs pairs, double beta, double eps) {
    if (type == DpoLossType.IPO) {
      NDArray h = pairs.chosenLogRatio(true).sub(pairs.rejectedLogRatio(true));
      return h.sub(1.0 / (2 * beta)).square();
    }
    NDArray z = Scalars.mul(pairs.chosenLogRatio(false).sub(pairs.rejectedLogRatio(false)), beta);
    return switch (type) {
      // −log σ(z) = softplus(−z), computed stably by torch
      case SIGMOID -> mix(Activation.softPlus(z.neg()), 1 - eps, Activation.softPlus(z), eps);
      case ROBUST ->
          Scalars.div(
              mix(Activation.softPlus(z.neg()), 1 - eps, Activation.softPlus(z), -eps),
              1 - 2 * eps);
      // relu, not maximum(0): DJL frees a Number operand that the backward of maximum would read
      case HINGE -> Activation.relu(z.neg().add(1f));
      case IPO -> throw new IllegalStateException("handled above");
    };
  }

  /** a·x + b·y, skipping a term whose coefficient is 0 (so ε = 0 adds no work). */
  private static NDArray mix(NDArray x, double a, NDArray y, double b) {
    NDArray left = a == 1.0 ? x : Scalars.mul(x, a);
    return b == 0.0 ? left : left.add(Scalars.mul(y, b));
  }

  /**
   * @param loss the mean over pairs of the weighted per-pair loss (differentiable)
   * @param samples the per-pair losses, for group-robust weighting
   * @param chosenRewards β·log-ratio of y_w per pair [B] (not differentiable)
   * @param rejectedRewards β·log-ratio of y_l per pair [B] (not differentiable)
   */
  public record DpoResult(
      NDArray loss, SampleLosses samples, NDArray chosenRewards, NDArray rejectedRewards) {

    /** Means over the pairs, as TRL logs them. */
    public DpoMetrics metrics() {
      NDArray margins = chosenRewards.sub(rejectedRewards);
      return new DpoMetrics(
          loss.getFloat(),
          chosenRewards.mean().getFloat(),
          rejectedRewards.mean().getFloat(),
          margins.mean().getFloat(),
          chosenRewards.gt(rejectedRewards).toType(DataType.FLOAT32, false).mean().getFloat(),
          chosenRewards.getShape().get(0));
    }
  }

  /**
   * @param accuracy fraction of pairs with rewards/chosen strictly above rewards/rejected
   * @param pairs how many pairs the means are over, to combine batches as sums
   */
  public record DpoMetrics(
      double loss,
      double rewardsChosen,
      double rewardsRejected,
      double margin,
      double accuracy,
      long pairs) {}
}
