package dev.tempered.gateway.job;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.CheckpointEvent;
import java.time.Instant;

/** Joins a job's record with its newest rollout and checkpoint into a {@link JobView}. */
final class JobViews {

  private JobViews() {}

  static JobView of(JobEntry entry) {
    JobRecord record = entry.record();
    Progress progress = entry.progress();
    // The live rollout is at least as new as the progress last written to the record.
    boolean live = progress != null && progress.step() >= record.step();
    boolean fromRollout = live && progress.metrics() != null;
    Double reward =
        fromRollout ? Double.valueOf(progress.metrics().rewardMean()) : record.latestReward();
    Double loss = fromRollout ? Double.valueOf(progress.metrics().loss()) : record.latestLoss();
    long totalSteps =
        record.spec() == null || record.spec().training() == null
            ? 0
            : record.spec().training().steps();
    return new JobView(
        record.jobId(),
        record.spec() == null ? null : record.spec().name(),
        record.state(),
        live ? progress.step() : record.step(),
        totalSteps,
        reward,
        loss,
        progress == null ? null : progress.metrics(),
        progress == null ? null : progress.policyVersion(),
        checkpoint(record, entry.checkpoint()),
        record.submittedAt(),
        latest(
            record.updatedAt(),
            progress == null ? null : progress.at(),
            entry.checkpoint() == null || entry.checkpoint().envelope() == null
                ? null
                : entry.checkpoint().envelope().createdAt()),
        record.error(),
        record.spec());
  }

  private static CheckpointView checkpoint(JobRecord record, CheckpointEvent event) {
    if (event != null
        && (record.latestCheckpointVersion() == null
            || event.version() >= record.latestCheckpointVersion())) {
      return new CheckpointView(event.version(), event.uri(), event.sha256(), event.step());
    }
    if (record.latestCheckpointVersion() != null) {
      return new CheckpointView(
          record.latestCheckpointVersion(), record.latestCheckpointUri(), null, null);
    }
    return null;
  }

  private static Instant latest(Instant... instants) {
    Instant latest = null;
    for (Instant i : instants) {
      if (i != null && (latest == null || i.isAfter(latest))) {
        latest = i;
      }
    }
    return latest;
  }
}
