package dev.tempered.trainer.algorithm;

/**
 * The knobs of the GRPO loss.
 *
 * @param epsilonLow the ratio is clipped below at 1 − epsilonLow
 * @param epsilonHigh the ratio is clipped above at 1 + epsilonHigh (clip-higher when larger)
 * @param beta coefficient of the KL term added to the loss; 0 means no reference pass
 * @param importanceLevel per-token ratios (GRPO) or one per sequence (GSPO)
 * @param truncatedIsCap cap C of the truncated importance weight min(π_old/π_behaviour, C) that
 *     corrects for the sampler's policy lagging the trainer's; null turns the correction off and
 *     the ratio is taken against the behaviour log-probs directly
 */
public record GrpoSettings(
    double epsilonLow,
    double epsilonHigh,
    double beta,
    KlEstimator klEstimator,
    LossAggregation aggregation,
    ImportanceLevel importanceLevel,
    Double truncatedIsCap) {

  public GrpoSettings {
    if (truncatedIsCap != null && !(truncatedIsCap > 0)) {
      throw new IllegalArgumentException("truncatedIsCap must be > 0, got " + truncatedIsCap);
    }
  }

  /** Token-level ratios against the behaviour policy, no truncated importance weights. */
  public GrpoSettings(
      double epsilonLow,
      double epsilonHigh,
      double beta,
      KlEstimator klEstimator,
      LossAggregation aggregation) {
    this(epsilonLow, epsilonHigh, beta, klEstimator, aggregation, ImportanceLevel.TOKEN, null);
  }

  public GrpoSettings withImportanceLevel(ImportanceLevel level) {
    return new GrpoSettings(
        epsilonLow, epsilonHigh, beta, klEstimator, aggregation, level, truncatedIsCap);
  }

  public GrpoSettings withTruncatedIsCap(Double cap) {
    return new GrpoSettings(
        epsilonLow, epsilonHigh, beta, klEstimator, aggregation, importanceLevel, cap);
  }
}
