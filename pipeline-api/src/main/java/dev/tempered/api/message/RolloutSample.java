package dev.tempered.api.message;

/**
 * Lineage of one trained-on sample: the policy version that generated it, the version it went into,
 * its reward and advantage.
 *
 * @param staleness the trainer's version when it trained on the sample minus {@code
 *     behaviourVersion} (0 to maxStaleness; absent, hence 0, in records from before it was added)
 */
public record RolloutSample(
    String promptId,
    int candidateIndex,
    String group,
    long behaviourVersion,
    long trainedIntoVersion,
    double reward,
    double advantage,
    long staleness) {}
