package dev.tempered.trainer.algorithm.dpo;

import ai.djl.ndarray.NDArray;
import dev.tempered.trainer.algorithm.MaskedOps;

/**
 * Sequence log-probs of a batch of preference pairs under the policy and the frozen reference, each
 * [B]: the sum of completion-token log-probs (prompt and padding never count), with the number of
 * completion tokens for the length-normalised losses.
 *
 * @param policyChosen log π(y_w | x) (differentiable)
 * @param policyRejected log π(y_l | x) (differentiable)
 * @param chosenLengths valid tokens of y_w
 * @param rejectedLengths valid tokens of y_l
 */
public record PreferenceLogprobs(
    NDArray policyChosen,
    NDArray policyRejected,
    NDArray referenceChosen,
    NDArray referenceRejected,
    NDArray chosenLengths,
    NDArray rejectedLengths) {

  /**
   * From per-token log-probs [B, C] and completion masks; masked sums, so a NaN at padding cannot
   * leak.
   */
  public static PreferenceLogprobs fromTokens(
      NDArray policyChosen,
      NDArray policyRejected,
      NDArray referenceChosen,
      NDArray referenceRejected,
      NDArray chosenMask,
      NDArray rejectedMask) {
    return new PreferenceLogprobs(
        MaskedOps.rowSum(policyChosen, chosenMask),
        MaskedOps.rowSum(policyRejected, rejectedMask),
        MaskedOps.rowSum(referenceChosen, chosenMask),
        MaskedOps.rowSum(referenceRejected, rejectedMask),
        chosenMask.sum(new int[] {-1}),
        rejectedMask.sum(new int[] {-1}));
  }

  /** log π(y_w) − log π_ref(y_w), summed or per token. */
  NDArray chosenLogRatio(boolean lengthNormalised) {
    NDArray r = policyChosen.sub(referenceChosen);
    return lengthNormalised ? r.div(chosenLengths.maximum(1f)) : r;
  }

  /** log π(y_l) − log π_ref(y_l), summed or per token. */
  NDArray rejectedLogRatio(boolean lengthNormalised) {
    NDArray r = policyRejected.sub(referenceRejected);
    return lengthNormalised ? r.div(rejectedLengths.maximum(1f)) : r;
  }
}
