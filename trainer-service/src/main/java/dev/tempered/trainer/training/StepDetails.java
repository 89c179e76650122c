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
    String worstGroup) {

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
        worstGroup);
  }
}
