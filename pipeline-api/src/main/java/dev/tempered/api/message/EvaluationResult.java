package dev.tempered.api.message;

/**
 * Greedy scores of one held-out prompt under one policy version, clean and noisy. Published on
 * {@code evaluations}.
 */
public record EvaluationResult(
    Envelope envelope,
    String jobId,
    String promptId,
    String group,
    long policyVersion,
    double cleanScore,
    double noisyScore,
    String cleanAnswer,
    String noisyAnswer) {}
