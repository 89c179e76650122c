package dev.tempered.gateway.job;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.gateway.config.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The only writer of job records and job events: composes each from what the store holds and sends
 * it under one lock, so that records and events of a job reach their topics in the order built and
 * every state change is checked against {@link JobTransitions} and recorded as an event.
 */
@Component
public class JobJournal {

  private static final Logger log = LoggerFactory.getLogger(JobJournal.class);

  private final JobStore store;
  private final EventLog events;
  private final JobWriter records;
  private final EventWriter eventWriter;
  private final Clock clock;
  private final Duration publishTimeout;
  private final Object lock = new Object();

  public JobJournal(
      JobStore store,
      EventLog events,
      JobWriter records,
      EventWriter eventWriter,
      Clock clock,
      GatewayProperties properties) {
    this.store = store;
    this.events = events;
    this.records = records;
    this.eventWriter = eventWriter;
    this.clock = clock;
    this.publishTimeout = properties.publishTimeout();
  }

  /** Runs {@code action} under the journal's lock (re-entrant). */
  <T> T locked(Supplier<T> action) {
    synchronized (lock) {
      return action.get();
    }
  }

  /** Writes a new job's first record and its submission event. */
  CompletableFuture<?> create(JobRecord queued, String idempotencyKey, String specSha256) {
    synchronized (lock) {
      store.putOwn(queued);
      CompletableFuture<?> record = send(queued);
      CompletableFuture<?> event =
          emit(
              queued.jobId(),
              seq ->
                  JobEvents.submitted(
                      queued.jobId(), seq, clock.instant(), idempotencyKey, specSha256));
      return CompletableFuture.allOf(record, event);
    }
  }

  /**
   * Moves the job to {@code to} and writes the record and a state event.
   *
   * @param action what the caller tried, for the error ("paused", "resumed", ...)
   * @throws IllegalTransitionException when the current state does not allow it
   */
  CompletableFuture<?> transition(String jobId, JobState to, String message, String action) {
    synchronized (lock) {
      JobState from = current(jobId).state();
      if (!JobTransitions.allowed(from, to)) {
        throw new IllegalTransitionException(jobId, from, action);
      }
      log.info("job {}: {} -> {}{}", jobId, from, to, message == null ? "" : " (" + message + ")");
      CompletableFuture<?> record =
          publish(jobId, r -> r.withState(to, to == JobState.FAILED ? message : r.error()));
      CompletableFuture<?> event =
          emit(jobId, seq -> JobEvents.state(jobId, seq, clock.instant(), from, to, message));
      return CompletableFuture.allOf(record, event);
    }
  }

  /**
   * Writes the job's record with the newest progress and checkpoint merged in, then {@code change}
   * applied; every write carries everything known, so no write can undo another.
   */
  CompletableFuture<?> publish(String jobId, UnaryOperator<JobRecord> change) {
    synchronized (lock) {
      JobRecord next = change.apply(merged(store.find(jobId).orElseThrow(() -> notFound(jobId))));
      store.putOwn(next);
      return send(next);
    }
  }

  /** A progress event, once per step (a replayed rollout adds none). */
  void progress(String jobId, Progress progress) {
    synchronized (lock) {
      if (progress.metrics() != null && progress.step() > events.lastProgressStep(jobId)) {
        emit(
            jobId,
            seq ->
                JobEvents.progress(
                    jobId,
                    seq,
                    clock.instant(),
                    progress.step(),
                    progress.metrics(),
                    progress.policyVersion()));
      }
    }
  }

  /** A checkpoint event, once per version (a replayed checkpoint adds none). */
  void checkpoint(CheckpointEvent checkpoint) {
    synchronized (lock) {
      if (!events.hasCheckpoint(checkpoint.jobId(), checkpoint.version())) {
        emit(
            checkpoint.jobId(),
            seq -> JobEvents.checkpoint(checkpoint.jobId(), seq, clock.instant(), checkpoint));
      }
    }
  }

  /** Waits for the broker to acknowledge {@code sent}. */
  void await(CompletableFuture<?> sent, String jobId) {
    try {
      sent.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobPublishException("interrupted while writing job " + jobId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new JobPublishException(
          "the jobs topic did not acknowledge job " + jobId + " within " + publishTimeout, e);
    }
  }

  private JobRecord current(String jobId) {
    return store.find(jobId).orElseThrow(() -> notFound(jobId)).record();
  }

  private CompletableFuture<?> emit(String jobId, LongFunction<JobEvent> build) {
    JobEvent event = build.apply(events.lastSequence(jobId) + 1);
    events.append(event);
    CompletableFuture<?> sent = eventWriter.write(event);
    sent.whenComplete(
        (ok, error) -> {
          if (error != null) {
            log.error("could not write event {} of job {}", event.sequence(), jobId, error);
          }
        });
    return sent;
  }

  private CompletableFuture<?> send(JobRecord record) {
    CompletableFuture<?> sent = records.write(record);
    sent.whenComplete(
        (ok, error) -> {
          if (error != null) {
            log.error(
                "could not write job {} ({}) to the jobs topic",
                record.jobId(),
                record.state(),
                error);
          }
        });
    return sent;
  }

  private static JobNotFoundException notFound(String jobId) {
    return new JobNotFoundException(jobId);
  }

  private static JobRecord merged(JobEntry entry) {
    JobRecord record = entry.record();
    Progress progress = entry.progress();
    if (progress != null && progress.metrics() != null && progress.step() > record.step()) {
      record =
          record.withProgress(
              progress.step(), progress.metrics().rewardMean(), progress.metrics().loss());
    }
    CheckpointEvent checkpoint = entry.checkpoint();
    if (checkpoint != null
        && (record.latestCheckpointVersion() == null
            || checkpoint.version() > record.latestCheckpointVersion())) {
      record = record.withCheckpoint(checkpoint.version(), checkpoint.uri());
    }
    return record;
  }
}
