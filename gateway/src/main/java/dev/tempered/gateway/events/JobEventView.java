package dev.tempered.gateway.events;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobEventType;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.TrainingMetrics;
import java.time.Instant;

/**
 * One event of a job as the API shows it.
 *
 * @param id the event's sequence number in the job's history (1, 2, ...); pass it as {@code after}
 *     or {@code Last-Event-ID} to continue after it
 * @param from previous state of a STATE event
 * @param to new state of a STATE event
 * @param step optimiser step of a PROGRESS or CHECKPOINT event
 * @param metrics the step's metrics of a PROGRESS event
 * @param policyVersion the policy version after the step of a PROGRESS event
 * @param checkpoint the checkpoint of a CHECKPOINT event
 */
public record JobEventView(
    long id,
    String jobId,
    JobEventType type,
    Instant at,
    JobState from,
    JobState to,
    Long step,
    TrainingMetrics metrics,
    Long policyVersion,
    CheckpointDetail checkpoint,
    String message) {

  static JobEventView of(JobEvent e) {
    return new JobEventView(
        e.sequence(),
        e.jobId(),
        e.type(),
        e.at(),
        e.from(),
        e.to(),
        e.step(),
        e.metrics(),
        e.policyVersion(),
        e.checkpoint() == null ? null : CheckpointDetail.of(e.checkpoint()),
        e.message());
  }

  boolean endsTheJob() {
    return type == JobEventType.STATE && to != null && to.isTerminal();
  }
}
