package dev.tempered.gateway.job;

import dev.tempered.api.job.FieldError;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.gateway.config.GatewayProperties;
import dev.tempered.gateway.report.ReportStore;
import dev.tempered.gateway.report.RobustnessGauges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Moves jobs through their states and writes every change to the jobs topic: QUEUED and RUNNING on
 * submission, progress at most every {@code progressInterval} per job, every checkpoint, and
 * SUCCEEDED once the last checkpoint's held-out evaluation is complete.
 */
@Service
public class JobLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

  private final JobStore store;
  private final ReportStore reports;
  private final RobustnessGauges gauges;
  private final JobWriter writer;
  private final Clock clock;
  private final Duration progressInterval;
  private final Duration publishTimeout;

  /** Serialises compose-and-send so that records of one job reach the topic in the order built. */
  private final Object writeLock = new Object();

  public JobLifecycle(
      JobStore store,
      ReportStore reports,
      RobustnessGauges gauges,
      JobWriter writer,
      Clock clock,
      GatewayProperties properties) {
    this.store = store;
    this.reports = reports;
    this.gauges = gauges;
    this.writer = writer;
    this.clock = clock;
    this.progressInterval = properties.progressInterval();
    this.publishTimeout = properties.publishTimeout();
  }

  /**
   * Validates the spec, writes the job as QUEUED and then RUNNING, and returns its view.
   *
   * @throws InvalidJobSpecException naming every bad field
   * @throws JobPublishException when the broker does not acknowledge a record in time
   */
  public JobView submit(JobSpec spec) {
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
    synchronized (writeLock) {
      store.putOwn(queued);
      await(writer.write(queued), queued);
    }
    await(publish(jobId, r -> r.withState(JobState.RUNNING, null)), queued);
    return store.find(jobId).map(JobViews::of).orElseThrow();
  }

  /** A record read from the jobs topic (a restart rebuilds every job from there). */
  public void onJobRecord(JobRecord record) {
    if (record.jobId() != null && store.applyRecord(record)) {
      completeIfDone(record.jobId());
    }
  }

  /** Progress of a step; written to the jobs topic at most every {@code progressInterval}. */
  public void onRollout(Rollout rollout) {
    JobEntry entry = store.applyRollout(rollout);
    if (!isActive(entry) || entry.progress().step() <= entry.record().step()) {
      return;
    }
    Instant now = clock.instant();
    Instant last = entry.lastProgressWrite();
    if (last != null && now.isBefore(last.plus(progressInterval))) {
      return;
    }
    store.markProgressWritten(rollout.jobId(), now);
    publish(rollout.jobId(), UnaryOperator.identity());
  }

  /** A checkpoint is written to the jobs topic at once, and may complete the job. */
  public void onCheckpoint(CheckpointEvent checkpoint) {
    JobEntry entry = store.applyCheckpoint(checkpoint);
    if (isActive(entry)) {
      store.markProgressWritten(checkpoint.jobId(), clock.instant());
      publish(checkpoint.jobId(), UnaryOperator.identity());
      completeIfDone(checkpoint.jobId());
    }
  }

  /** A held-out score; the one that completes the last checkpoint's evaluation ends the job. */
  public void onEvaluation(EvaluationResult result) {
    reports.add(result);
    store
        .find(result.jobId())
        .filter(e -> e.record().spec() != null && e.record().spec().dataset() != null)
        .ifPresent(
            e ->
                gauges.track(
                    result.jobId(), result.group(), e.record().spec().dataset().heldOutPrompts()));
    completeIfDone(result.jobId());
  }

  private void completeIfDone(String jobId) {
    synchronized (writeLock) {
      JobEntry entry = store.find(jobId).orElse(null);
      if (entry == null
          || entry.record().state() != JobState.RUNNING
          || entry.checkpoint() == null
          || !entry.checkpoint().last()
          || entry.record().spec() == null
          || entry.record().spec().dataset() == null) {
        return;
      }
      long version = entry.checkpoint().version();
      int expected = entry.record().spec().dataset().heldOutPrompts();
      if (reports.scoredCount(jobId, version) >= expected) {
        log.info(
            "job {} succeeded: last checkpoint v{} evaluated on {} prompts",
            jobId,
            version,
            expected);
        publish(jobId, r -> r.withState(JobState.SUCCEEDED, null));
      }
    }
  }

  /**
   * Writes the job's record with the newest progress and checkpoint merged in, then {@code change}
   * applied; every write carries everything known, so no write can undo another.
   */
  private CompletableFuture<?> publish(String jobId, UnaryOperator<JobRecord> change) {
    synchronized (writeLock) {
      JobEntry entry = store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
      JobRecord next = change.apply(merged(entry));
      store.putOwn(next);
      CompletableFuture<?> sent = writer.write(next);
      sent.whenComplete(
          (ok, error) -> {
            if (error != null) {
              log.error(
                  "could not write job {} ({}) to the jobs topic", jobId, next.state(), error);
            }
          });
      return sent;
    }
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

  private static boolean isActive(JobEntry entry) {
    return entry.record() != null && !entry.record().state().isTerminal();
  }

  private void await(CompletableFuture<?> sent, JobRecord record) {
    try {
      sent.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobPublishException("interrupted while writing job " + record.jobId(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new JobPublishException(
          "the jobs topic did not acknowledge job " + record.jobId() + " within " + publishTimeout,
          e);
    }
  }
}
