package dev.tempered.gateway.report;

/**
 * Noisy-prompt scores of the baseline against the newest complete policy version.
 *
 * @param meanNoisyBefore mean noisy score of the baseline over all its scored prompts
 * @param meanNoisyAfter mean noisy score of {@code version} over all its scored prompts
 * @param pairedPrompts prompts scored under both versions
 * @param meanDifference mean of {@code after - before} over the paired prompts
 * @param ci95 bootstrap interval of {@code meanDifference}
 */
public record Comparison(
    long baselineVersion,
    long version,
    double meanNoisyBefore,
    double meanNoisyAfter,
    int pairedPrompts,
    double meanDifference,
    ConfidenceInterval ci95) {}
