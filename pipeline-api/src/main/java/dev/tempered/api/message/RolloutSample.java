package dev.tempered.api.message;

/**
 * Lineage of one trained-on sample: the policy version that generated it, the version it went into,
 * its reward and advantage.
 */
public record RolloutSample(
    String promptId,
    int candidateIndex,
    String group,
    long behaviourVersion,
    long trainedIntoVersion,
    double reward,
    double advantage) {}
