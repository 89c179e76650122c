package dev.tempered.gateway.job;

import dev.tempered.api.job.FieldError;
import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.Envelope;
import dev.tempered.gateway.config.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * What users ask of jobs: submit (idempotent by key), pause, resume and cancel. Cancelling writes
 * CANCELLING at once, so that every service stops the job's work, and CANCELLED after {@code
 * cancelGrace}.
 */
@Service
public class JobCommands {

  private final JobStore store;
  private final EventLog events;
  private final JobJournal journal;
  private final JobLifecycle lifecycle;
  private final Clock clock;
  private final Duration cancelGrace;

  public JobCommands(
      JobStore store,
      EventLog events,
      JobJournal journal,
      JobLifecycle lifecycle,
      Clock clock,
      GatewayProperties properties) {
    this.store = store;
    this.events = events;
    this.journal = journal;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.cancelGrace = properties.cancelGrace();
  }

  /**
   * Validates the spec and writes the job as QUEUED, VALIDATING and RUNNING; with an idempotency
   * key already used for the same spec, returns that job instead.
   *
   * @param idempotencyKey null for none
   * @throws InvalidJobSpecException naming every bad field
   * @throws IdempotencyConflictException when the key was used for a different spec
   * @throws JobPublishException when the broker does not acknowledge a record in time
   */
  public Submission submit(JobSpec spec, String idempotencyKey) {
    String sha = SpecHash.of(spec);
    String jobId =
        journal.locked(
            () -> {
              Optional<EventLog.Submission> earlier =
                  idempotencyKey == null ? Optional.empty() : events.submission(idempotencyKey);
              if (earlier.isPresent()) {
                if (!earlier.get().specSha256().equals(sha)) {
                  throw new IdempotencyConflictException(idempotencyKey, earlier.get().jobId());
                }
                return null;
              }
              return create(spec, idempotencyKey, sha);
            });
    if (jobId == null) {
      return new Submission(view(events.submission(idempotencyKey).orElseThrow().jobId()), true);
    }
    return new Submission(view(jobId), false);
  }

  private String create(JobSpec spec, String idempotencyKey, String sha) {
    List<FieldError> errors = JobSpecValidator.validate(spec);
    if (!errors.isEmpty()) {
      throw new InvalidJobSpecException(errors);
    }
    String jobId = JobIds.next();
    Instant now = clock.instant();
    JobRecord queued =
        new JobRecord(
            Envelope.create(),
            jobId,
            spec,
            JobState.QUEUED,
            0,
            null,
            null,
            null,
            null,
            null,
            now,
            now);
    journal.await(journal.create(queued, idempotencyKey, sha), jobId);
    journal.await(
        journal.transition(jobId, JobState.VALIDATING, "checking the job spec", "validated"),
        jobId);
    journal.await(journal.transition(jobId, JobState.RUNNING, "spec valid", "started"), jobId);
    return jobId;
  }

  /**
   * Carries on submissions a stopped gateway left QUEUED or VALIDATING (their specs were valid: a
   * job is written only after validation), so that no job waits forever for its first step.
   */
  public void finishSubmissions() {
    for (JobEntry entry : store.all()) {
      String jobId = entry.record().jobId();
      JobState state = entry.record().state();
      if (state == JobState.QUEUED) {
        journal.transition(jobId, JobState.VALIDATING, "checking the job spec", "validated");
        state = JobState.VALIDATING;
      }
      if (state == JobState.VALIDATING) {
        journal.transition(jobId, JobState.RUNNING, "spec valid", "started");
      }
    }
  }

  /** RUNNING → PAUSED: the services stop taking on the job's work. */
  public JobView pause(String jobId) {
    journal.await(journal.transition(jobId, JobState.PAUSED, "paused by request", "paused"), jobId);
    return view(jobId);
  }

  /** PAUSED → RUNNING: the services continue where they stopped. */
  public JobView resume(String jobId) {
    journal.await(
        journal.transition(jobId, JobState.RUNNING, "resumed by request", "resumed"), jobId);
    // The last evaluation may have completed while the job was paused.
    lifecycle.completeIfDone(jobId);
    return view(jobId);
  }

  /** Any non-terminal state → CANCELLING; CANCELLED follows after the grace period. */
  public JobView cancel(String jobId) {
    journal.await(
        journal.transition(jobId, JobState.CANCELLING, "cancelled by request", "cancelled"), jobId);
    return view(jobId);
  }

  /** Moves every job that has been CANCELLING for {@code cancelGrace} to CANCELLED. */
  @Scheduled(fixedDelayString = "${tempered.gateway.cancel-sweep:500ms}")
  public void finishCancellations() {
    Instant due = clock.instant().minus(cancelGrace);
    for (JobEntry entry : store.all()) {
      String jobId = entry.record().jobId();
      if (entry.record().state() != JobState.CANCELLING) {
        continue;
      }
      Instant since = events.lastState(jobId).map(JobEvent::at).orElse(null);
      if (since == null || !since.isAfter(due)) {
        journal.locked(
            () -> {
              if (store.find(jobId).map(e -> e.record().state()).orElse(null)
                  == JobState.CANCELLING) {
                journal.transition(jobId, JobState.CANCELLED, "work stopped", "cancelled");
              }
              return null;
            });
      }
    }
  }

  private JobView view(String jobId) {
    return store.find(jobId).map(JobViews::of).orElseThrow(() -> new JobNotFoundException(jobId));
  }
}
