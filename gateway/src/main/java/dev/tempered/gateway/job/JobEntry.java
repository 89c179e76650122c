package dev.tempered.gateway.job;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.CheckpointEvent;
import java.time.Instant;

/**
 * Everything the gateway knows about one job, as an immutable snapshot.
 *
 * @param record the latest job record; null while only events of the job have arrived (the topics
 *     are replayed in no fixed order after a restart)
 * @param progress the newest rollout, or null
 * @param checkpoint the newest checkpoint, or null
 * @param lastProgressWrite when this instance last wrote progress of the job to the jobs topic
 */
public record JobEntry(
    JobRecord record, Progress progress, CheckpointEvent checkpoint, Instant lastProgressWrite) {

  static final JobEntry EMPTY = new JobEntry(null, null, null, null);

  JobEntry withRecord(JobRecord newRecord) {
    return new JobEntry(newRecord, progress, checkpoint, lastProgressWrite);
  }

  JobEntry withProgress(Progress newProgress) {
    return new JobEntry(record, newProgress, checkpoint, lastProgressWrite);
  }

  JobEntry withCheckpoint(CheckpointEvent newCheckpoint) {
    return new JobEntry(record, progress, newCheckpoint, lastProgressWrite);
  }

  JobEntry withLastProgressWrite(Instant at) {
    return new JobEntry(record, progress, checkpoint, at);
  }
}
