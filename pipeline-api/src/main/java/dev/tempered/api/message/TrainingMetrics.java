package dev.tempered.api.message;

/**
 * Metrics of one optimiser step, each aggregated as a global sum over valid tokens or samples
 * (never a mean of means).
 */
public record TrainingMetrics(
    double loss,
    double policyLoss,
    double kl,
    double entropy,
    double clipFraction,
    double gradNorm,
    double rewardMean,
    double rewardStd,
    double fracZeroStdGroups,
    double meanStaleness,
    long droppedStale,
    double tokensPerSecond) {}
