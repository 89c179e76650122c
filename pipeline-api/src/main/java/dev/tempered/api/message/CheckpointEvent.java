package dev.tempered.api.message;

/**
 * A checkpoint written to the checkpoint directory; weights never travel on Kafka. Published on the
 * compacted {@code checkpoints} topic keyed by job id.
 *
 * @param uri a {@code file:} URI of the llama2.c-format weights
 * @param last true for the checkpoint written after the job's final step
 */
public record CheckpointEvent(
    Envelope envelope,
    String jobId,
    long version,
    long step,
    String uri,
    String sha256,
    long sizeBytes,
    double rewardMean,
    double loss,
    boolean last) {}
