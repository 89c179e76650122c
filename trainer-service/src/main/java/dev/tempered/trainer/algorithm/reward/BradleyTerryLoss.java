package dev.tempered.trainer.algorithm.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.tempered.model.llama.Scalars;

/**
 * The Bradley–Terry loss of a reward model, as TRL's RewardTrainer: per pair −log σ(r_c − r_r − m)
 * with an optional per-pair margin m (Llama 2's reward model: a larger margin for a clearer
 * preference), averaged over pairs, plus {@code centerCoefficient}·mean((r_c + r_r)²) (TRL's {@code
 * center_rewards_coefficient}, Eisenstein et al.: keeps rewards centred on zero). A pair counts as
 * correct only when r_c is strictly above r_r (a tie is not a win).
 */
public final class BradleyTerryLoss {

  private BradleyTerryLoss() {}

  /**
   * @param chosen rewards of the chosen completions [B]
   * @param rejected rewards of the rejected completions [B]
   * @param margin per-pair margins [B], or null for none
   * @param centerCoefficient 0 for none
   */
  public static Result compute(
      NDArray chosen, NDArray rejected, NDArray margin, double centerCoefficient) {
    if (!(centerCoefficient >= 0) || Double.isInfinite(centerCoefficient)) {
      throw new IllegalArgumentException(
          "center rewards coefficient must be finite and >= 0, was " + centerCoefficient);
    }
    NDArray difference = chosen.sub(rejected);
    NDArray z = margin == null ? difference : difference.sub(margin);
    // −log σ(z) = softplus(−z), stable for large |z|
    NDArray perPair = Activation.softPlus(z.neg());
    NDArray loss = perPair.mean();
    if (centerCoefficient > 0) {
      loss = loss.add(Scalars.mul(chosen.add(rejected).square().mean(), centerCoefficient));
    }
    NDArray c = chosen.stopGradient();
    NDArray r = rejected.stopGradient();
    NDArray d = difference.stopGradient();
    Sums sums =
        new Sums(
            chosen.getShape().get(0),
            perPair.stopGradient().sum().getFloat(),
            (long) c.gt(r).toType(DataType.FLOAT32, false).sum().getFloat(),
            d.sum().getFloat(),
            c.sum().getFloat(),
            r.sum().getFloat());
    return new Result(loss, sums);
  }

  /**
   * @param loss the loss to minimise (differentiable)
   * @param sums the batch's metrics as sums over its pairs
   */
  public record Result(NDArray loss, Sums sums) {}

  /**
   * Metrics as sums over pairs, so batches combine exactly (never a mean of means).
   *
   * @param bradleyTerry Σ −log σ(r_c − r_r − m), without the centring term
   * @param correct pairs with r_c strictly above r_r
   * @param margin Σ (r_c − r_r)
   */
  public record Sums(
      long pairs,
      double bradleyTerry,
      long correct,
      double margin,
      double chosen,
      double rejected) {

    public static final Sums EMPTY = new Sums(0, 0, 0, 0, 0, 0);

    public Sums plus(Sums o) {
      return new Sums(
          pairs + o.pairs,
          bradleyTerry + o.bradleyTerry,
          correct + o.correct,
          margin + o.margin,
          chosen + o.chosen,
          rejected + o.rejected);
    }

    public double accuracy() {
      return pairs == 0 ? 0 : (double) correct / pairs;
    }

    public double meanMargin() {
      return pairs == 0 ? 0 : margin / pairs;
    }

    public double meanChosen() {
      return pairs == 0 ? 0 : chosen / pairs;
    }

    public double meanRejected() {
      return pairs == 0 ? 0 : rejected / pairs;
    }

    public double meanBradleyTerry() {
      return pairs == 0 ? 0 : bradleyTerry / pairs;
    }
  }
}
