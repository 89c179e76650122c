package dev.tempered.trainer.training;

import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import java.util.Map;

/**
 * The metrics of one GRPO step beyond {@link dev.tempered.api.message.TrainingMetrics}, for the
 * trainer's own meters: token fractions are global token sums over all the step's iterations.
 *
 * @param clipLowFraction valid tokens where the lower clip was active, over all valid tokens
 * @param clipHighFraction valid tokens where the upper clip was active, over all valid tokens
 * @param importanceWeight mean truncated importance weight over valid tokens; NaN when off
 * @param truncatedFraction fraction of valid tokens whose importance weight hit the cap
 * @param droppedZeroVariance groups the zero-variance filter removed from this step
 * @param iterations updates applied on this batch
 * @param groups per data group: loss, mean reward, weight after the update (group-robust only)
 * @param worstGroup the data group with the highest loss; null unless group-robust
 * @param adversarialLoss mean training loss at the adversarially perturbed prompt embeddings; NaN
 *     unless adversarial training is on
 * @param adversarialCleanLoss mean training loss at the clean embeddings of the same updates; NaN
 *     unless adversarial training is on
 */
public record StepDetails(
    String jobId,
    long step,
    double clipLowFraction,
    double clipHighFraction,
    double importanceWeight,
    double truncatedFraction,
    int droppedZeroVariance,
    int iterations,
    Map<String, GroupRobustLoss.GroupStats> groups,
    String worstGroup,
    double adversarialLoss,
    double adversarialCleanLoss) {

  /** Details of a step without adversarial training. */
  public StepDetails(
      String jobId,
      long step,
      double clipLowFraction,
      double clipHighFraction,
      double importanceWeight,
      double truncatedFraction,
      int droppedZeroVariance,
      int iterations,
      Map<String, GroupRobustLoss.GroupStats> groups,
      String worstGroup) {
    this(
        jobId,
        step,
        clipLowFraction,
        clipHighFraction,
        importanceWeight,
        truncatedFraction,
        droppedZeroVariance,
        iterations,
        groups,
        worstGroup,
        Double.NaN,
        Double.NaN);
  }

  /** How much the perturbation raised the loss: adversarial minus clean; NaN when off. */
  public double adversarialLossIncrease() {
    return adversarialLoss - adversarialCleanLoss;
  }

  /** The same details, labelled with their job. */
  public StepDetails forJob(String id) {
    return new StepDetails(
        id,
        step,
        clipLowFraction,
        clipHighFraction,
        importanceWeight,
        truncatedFraction,
        droppedZeroVariance,
        iterations,
        groups,
        worstGroup,
        adversarialLoss,
        adversarialCleanLoss);
  }
}
