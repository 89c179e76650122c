package dev.tempered.gateway.job;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobEventType;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.TrainingMetrics;
import java.time.Instant;

/** Builders of the three kinds of {@link JobEvent}. */
final class JobEvents {

  private JobEvents() {}

  static JobEvent state(
      String jobId, long sequence, Instant at, JobState from, JobState to, String message) {
    return new JobEvent(
        Envelope.create(),
        jobId,
        sequence,
        JobEventType.STATE,
        at,
        from,
        to,
        null,
        null,
        null,
        message,
        null,
        null);
  }

  /** The first event of a job, remembering how it was submitted. */
  static JobEvent submitted(
      String jobId, long sequence, Instant at, String idempotencyKey, String specSha256) {
    return new JobEvent(
        Envelope.create(),
        jobId,
        sequence,
        JobEventType.STATE,
        at,
        null,
        JobState.QUEUED,
        null,
        null,
        null,
        "submitted",
        idempotencyKey,
        specSha256);
  }

  static JobEvent progress(
      String jobId,
      long sequence,
      Instant at,
      long step,
      TrainingMetrics metrics,
      long policyVersion) {
    return new JobEvent(
        Envelope.create(),
        jobId,
        sequence,
        JobEventType.PROGRESS,
        at,
        null,
        null,
        step,
        metrics,
        null,
        null,
        null,
        null,
        policyVersion);
  }

  static JobEvent checkpoint(String jobId, long sequence, Instant at, CheckpointEvent checkpoint) {
    return new JobEvent(
        Envelope.create(),
        jobId,
        sequence,
        JobEventType.CHECKPOINT,
        at,
        null,
        null,
        checkpoint.step(),
        null,
        checkpoint,
        null,
        null,
        null);
  }
}
