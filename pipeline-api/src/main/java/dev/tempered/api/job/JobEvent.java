package dev.tempered.api.job;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.TrainingMetrics;
import java.time.Instant;

/**
 * One entry of a job's history on the {@code job-events} topic, keyed by job id. The gateway is the
 * only writer and numbers each job's events 1, 2, 3, ... so that clients can page and resume.
 *
 * @param sequence position in the job's history, starting at 1
 * @param at when it happened
 * @param from the previous state of a {@link JobEventType#STATE} event; null for the first
 * @param to the new state of a {@link JobEventType#STATE} event
 * @param step the optimiser step of a progress or checkpoint event
 * @param metrics the step's metrics of a {@link JobEventType#PROGRESS} event
 * @param checkpoint the checkpoint of a {@link JobEventType#CHECKPOINT} event
 * @param message why, when there is something to say (an error, who cancelled)
 * @param idempotencyKey the submission's {@code Idempotency-Key}, on the first event only
 * @param specSha256 hash of the submitted spec, on the first event only
 * @param policyVersion the policy version after the step of a {@link JobEventType#PROGRESS} event;
 *     optional, absent in events written before it existed
 */
public record JobEvent(
    Envelope envelope,
    String jobId,
    long sequence,
    JobEventType type,
    Instant at,
    JobState from,
    JobState to,
    Long step,
    TrainingMetrics metrics,
    CheckpointEvent checkpoint,
    String message,
    String idempotencyKey,
    String specSha256,
    Long policyVersion) {

  /** An event without a policy version (every kind but PROGRESS). */
  public JobEvent(
      Envelope envelope,
      String jobId,
      long sequence,
      JobEventType type,
      Instant at,
      JobState from,
      JobState to,
      Long step,
      TrainingMetrics metrics,
      CheckpointEvent checkpoint,
      String message,
      String idempotencyKey,
      String specSha256) {
    this(
        envelope,
        jobId,
        sequence,
        type,
        at,
        from,
        to,
        step,
        metrics,
        checkpoint,
        message,
        idempotencyKey,
        specSha256,
        null);
  }
}
