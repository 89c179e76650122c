package dev.tempered.trainer.training;

import dev.tempered.api.advantage.RewardScaling;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.trainer.algorithm.GrpoSettings;
import dev.tempered.trainer.algorithm.ImportanceLevel;
import dev.tempered.trainer.algorithm.KlEstimator;
import dev.tempered.trainer.algorithm.LossAggregation;
import java.util.Locale;

/**
 * A job's GRPO options with every absent job-spec field at its default, which is the behaviour of
 * the first version: group scaling, token-mean, one iteration, token-level ratios against the
 * behaviour log-probs, no filter, no truncation mask, no group-robust weighting.
 *
 * @param groupRobustEta the exponentiated-gradient step, or null when group-robust weighting is off
 */
record GrpoOptions(
    GrpoSettings loss,
    RewardScaling scaleRewards,
    int iterationsPerBatch,
    boolean filterZeroVarianceGroups,
    boolean maskTruncatedCompletions,
    Double groupRobustEta) {

  static GrpoOptions of(TrainingSpec spec) {
    GrpoSettings settings =
        new GrpoSettings(
            spec.epsilonLow(),
            spec.epsilonHigh(),
            spec.beta(),
            KlEstimator.K3,
            spec.lossAggregation() == null
                ? LossAggregation.TOKEN_MEAN
                : LossAggregation.valueOf(enumName(spec.lossAggregation())),
            spec.importanceLevel() == null
                ? ImportanceLevel.TOKEN
                : ImportanceLevel.valueOf(enumName(spec.importanceLevel())),
            spec.truncatedIsCap());
    return new GrpoOptions(
        settings,
        spec.scaleRewards() == null
            ? RewardScaling.GROUP
            : RewardScaling.fromWireName(spec.scaleRewards()),
        spec.iterationsPerBatch() == null ? 1 : spec.iterationsPerBatch(),
        Boolean.TRUE.equals(spec.filterZeroVarianceGroups()),
        Boolean.TRUE.equals(spec.maskTruncatedCompletions()),
        spec.groupRobust() == null ? null : spec.groupRobust().eta());
  }

  /** {@code dr-grpo} → {@code DR_GRPO}. */
  private static String enumName(String wire) {
    return wire.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
