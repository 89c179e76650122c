package dev.tempered.trainer.training;

import dev.tempered.trainer.preference.PairLearner;
import java.util.Map;

/**
 * The preference metrics of one step of a {@code dpo} or {@code reward-model} job, for the
 * trainer's own meters: the batch's accuracy and mean margin, the learner's extra metrics (DPO's
 * {@code rewards/chosen} and {@code rewards/rejected}), and the held-out evaluation when the step
 * ended with one.
 *
 * @param pairs pairs the step trained on; 0 when it trained on none (the step-0 evaluation, or a
 *     step whose groups all tied), and then accuracy and margin are not metrics of a batch
 * @param tiedPairs online only: groups of the step whose candidates tied, so they gave no pair
 * @param heldOut the held-out pairs under the current model, or null when not evaluated this step
 */
public record PreferenceDetails(
    String jobId,
    long step,
    long pairs,
    double accuracy,
    double margin,
    Map<String, Double> extra,
    long tiedPairs,
    PairLearner.PairEvaluation heldOut) {

  /** The same details, labelled with their job. */
  public PreferenceDetails forJob(String id) {
    return new PreferenceDetails(id, step, pairs, accuracy, margin, extra, tiedPairs, heldOut);
  }
}
