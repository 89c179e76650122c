package dev.tempered.api.message;

/**
 * A checkpoint written to the checkpoint directory; weights never travel on Kafka. Published on the
 * compacted {@code checkpoints} topic keyed by job id.
 *
 * @param uri a {@code file:} URI of the llama2.c-format weights
 * @param last true for the checkpoint written after the job's final step
 * @param heldOut offline jobs ({@code dpo}, {@code reward-model} on a preference file): the
 *     held-out pairs under this checkpoint and under the base model; null for other jobs and in
 *     records from before this field existed
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
    boolean last,
    PreferenceEvaluation heldOut) {

  /** A checkpoint without a held-out preference evaluation (every online job). */
  public CheckpointEvent(
      Envelope envelope,
      String jobId,
      long version,
      long step,
      String uri,
      String sha256,
      long sizeBytes,
      double rewardMean,
      double loss,
      boolean last) {
    this(envelope, jobId, version, step, uri, sha256, sizeBytes, rewardMean, loss, last, null);
  }
}
