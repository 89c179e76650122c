package dev.tempered.gateway.events;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.PreferenceEvaluation;
import java.time.Instant;

/**
 * One checkpoint of a job as the trainer published it.
 *
 * @param last whether it was written after the job's final step
 * @param createdAt when the trainer published it
 * @param heldOut an offline job's held-out preference accuracy and margin under this checkpoint and
 *     at step 0; null for other jobs
 */
public record CheckpointDetail(
    long version,
    long step,
    String uri,
    String sha256,
    long sizeBytes,
    double rewardMean,
    double loss,
    boolean last,
    Instant createdAt,
    PreferenceEvaluation heldOut) {

  static CheckpointDetail of(CheckpointEvent c) {
    return new CheckpointDetail(
        c.version(),
        c.step(),
        c.uri(),
        c.sha256(),
        c.sizeBytes(),
        c.rewardMean(),
        c.loss(),
        c.last(),
        c.envelope() == null ? null : c.envelope().createdAt(),
        c.heldOut());
  }
}
