package dev.tempered.gateway.report;

/**
 * A percentile-bootstrap confidence interval.
 *
 * @param level the coverage, e.g. 0.95
 * @param resamples bootstrap resamples drawn
 * @param seed the random seed, fixed so that a report is reproducible
 */
public record ConfidenceInterval(
    double lower, double upper, double level, int resamples, long seed) {}
