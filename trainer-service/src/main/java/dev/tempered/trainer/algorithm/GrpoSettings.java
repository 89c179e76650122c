package dev.tempered.trainer.algorithm;

/**
 * The knobs of the GRPO loss.
 *
 * @param epsilonLow the ratio is clipped below at 1 − epsilonLow
 * @param epsilonHigh the ratio is clipped above at 1 + epsilonHigh (clip-higher when larger)
 * @param beta coefficient of the KL term added to the loss; 0 means no reference pass
 */
public record GrpoSettings(
    double epsilonLow,
    double epsilonHigh,
    double beta,
    KlEstimator klEstimator,
    LossAggregation aggregation) {}
