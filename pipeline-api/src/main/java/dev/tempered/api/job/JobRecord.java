package dev.tempered.api.job;

import dev.tempered.api.message.Envelope;
import java.time.Instant;

/**
 * A job as stored on the compacted {@code jobs} topic: its spec and current state. The gateway is
 * the only writer; the other services read it to learn each job's settings and whether it runs.
 */
public record JobRecord(
    Envelope envelope,
    String jobId,
    JobSpec spec,
    JobState state,
    long step,
    Double latestReward,
    Double latestLoss,
    Long latestCheckpointVersion,
    String latestCheckpointUri,
    String error,
    Instant submittedAt,
    Instant updatedAt) {

  /** A copy in a new state, stamped now. */
  public JobRecord withState(JobState newState, String newError) {
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        newState,
        step,
        latestReward,
        latestLoss,
        latestCheckpointVersion,
        latestCheckpointUri,
        newError,
        submittedAt,
        Instant.now());
  }

  /** A copy with the progress of the latest optimiser step. */
  public JobRecord withProgress(long newStep, double reward, double loss) {
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        state,
        newStep,
        reward,
        loss,
        latestCheckpointVersion,
        latestCheckpointUri,
        error,
        submittedAt,
        Instant.now());
  }

  /** A copy pointing at a newer checkpoint. */
  public JobRecord withCheckpoint(long version, String uri) {
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        state,
        step,
        latestReward,
        latestLoss,
        version,
        uri,
        error,
        submittedAt,
        Instant.now());
  }
}
