package dev.tempered.trainer.training;

/**
 * The PPO-specific metrics of one step, for the trainer's meters; token metrics are global token
 * sums over all the step's updates (epochs × minibatches).
 *
 * @param valueLoss 0.5·token mean of max((V − R)², (V_clip − R)²)
 * @param valueClipFraction valid tokens where the clipped value term was the larger, over all
 * @param klCoefficient the KL penalty coefficient this step's rewards used
 * @param nextKlCoefficient the coefficient after the controller's update (equal when fixed)
 * @param klPerSequence mean over rows of the summed k1 KL to the reference (what adaptive reads)
 * @param advantageMean mean GAE advantage over valid tokens, before whitening
 * @param advantageStd Bessel std of the GAE advantages over valid tokens, before whitening
 * @param returnMean mean value target over valid tokens
 * @param valueGradNorm mean value-model gradient norm before clipping; NaN for a value head
 * @param updates optimiser updates applied on this batch
 */
public record PpoDetails(
    String jobId,
    long step,
    double valueLoss,
    double valueClipFraction,
    double klCoefficient,
    double nextKlCoefficient,
    double klPerSequence,
    double advantageMean,
    double advantageStd,
    double returnMean,
    double valueGradNorm,
    int updates) {

  /** The same details at this step. */
  PpoDetails at(long atStep) {
    return new PpoDetails(
        jobId,
        atStep,
        valueLoss,
        valueClipFraction,
        klCoefficient,
        nextKlCoefficient,
        klPerSequence,
        advantageMean,
        advantageStd,
        returnMean,
        valueGradNorm,
        updates);
  }

  /** The same details, labelled with their job. */
  public PpoDetails forJob(String id) {
    return new PpoDetails(
        id,
        step,
        valueLoss,
        valueClipFraction,
        klCoefficient,
        nextKlCoefficient,
        klPerSequence,
        advantageMean,
        advantageStd,
        returnMean,
        valueGradNorm,
        updates);
  }
}
