package dev.tempered.api.message;

/**
 * Held-out preference pairs scored by the model of one checkpoint of an offline job, next to the
 * same pairs under the base model (step 0). A pair counts as right when the chosen completion
 * scores strictly above the rejected one (a tie is not a win, as TRL's {@code rewards/accuracies});
 * for DPO the score is the implicit reward β·(log π(y) − log π_ref(y)), so at step 0, where the
 * policy is the reference, every margin is 0 and the accuracy 0.
 *
 * @param pairs held-out pairs scored
 * @param accuracy fraction of pairs ranked right by this checkpoint
 * @param margin mean (chosen − rejected) score over the pairs under this checkpoint
 * @param baselineAccuracy the same fraction at step 0
 * @param baselineMargin the same mean at step 0
 */
public record PreferenceEvaluation(
    int pairs, double accuracy, double margin, double baselineAccuracy, double baselineMargin) {}
