package dev.tempered.gateway.job;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferenceEvaluation;
import dev.tempered.api.message.Rollout;
import dev.tempered.gateway.config.GatewayProperties;
import dev.tempered.gateway.report.ReportStore;
import dev.tempered.gateway.report.RobustnessGauges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Follows jobs from what the pipeline publishes: progress (an event per step, a jobs-topic write at
 * most every {@code progressInterval}), every checkpoint, and SUCCEEDED once the last checkpoint's
 * held-out evaluation is complete (for an offline job, which no service evaluates, once its last
 * checkpoint with the trainer's held-out preference evaluation is in), or FAILED when the trainer
 * reports that it gave the job up.
 */
@Service
public class JobLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

  private final JobStore store;
  private final ReportStore reports;
  private final RobustnessGauges gauges;
  private final JobJournal journal;
  private final Clock clock;
  private final Duration progressInterval;

  public JobLifecycle(
      JobStore store,
      ReportStore reports,
      RobustnessGauges gauges,
      JobJournal journal,
      Clock clock,
      GatewayProperties properties) {
    this.store = store;
    this.reports = reports;
    this.gauges = gauges;
    this.journal = journal;
    this.clock = clock;
    this.progressInterval = properties.progressInterval();
  }

  /** A record read from the jobs topic (a restart rebuilds every job from there). */
  public void onJobRecord(JobRecord record) {
    if (record.jobId() != null && store.applyRecord(record)) {
      completeIfDone(record.jobId());
    }
  }

  /**
   * Progress of a step; written to the jobs topic at most every {@code progressInterval}. A rollout
   * carrying a failure fails the job.
   */
  public void onRollout(Rollout rollout) {
    if (rollout.failure() != null) {
      fail(rollout.jobId(), "trainer: " + rollout.failure());
      return;
    }
    JobEntry entry = store.applyRollout(rollout);
    if (!isActive(entry)) {
      return;
    }
    journal.progress(rollout.jobId(), entry.progress());
    if (entry.progress().step() <= entry.record().step()) {
      return;
    }
    Instant now = clock.instant();
    Instant last = entry.lastProgressWrite();
    if (last != null && now.isBefore(last.plus(progressInterval))) {
      return;
    }
    store.markProgressWritten(rollout.jobId(), now);
    journal.publish(rollout.jobId(), UnaryOperator.identity());
  }

  /** A checkpoint is written to the jobs topic at once, and may complete the job. */
  public void onCheckpoint(CheckpointEvent checkpoint) {
    JobEntry entry = store.applyCheckpoint(checkpoint);
    if (isActive(entry)) {
      journal.checkpoint(checkpoint);
      store.markProgressWritten(checkpoint.jobId(), clock.instant());
      journal.publish(checkpoint.jobId(), UnaryOperator.identity());
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

  /** Ends a RUNNING job whose last checkpoint has been evaluated on every held-out prompt. */
  void completeIfDone(String jobId) {
    journal.locked(
        () -> {
          JobEntry entry = store.find(jobId).orElse(null);
          if (entry == null
              || entry.record().state() != JobState.RUNNING
              || entry.checkpoint() == null
              || !entry.checkpoint().last()
              || entry.record().spec() == null
              || entry.record().spec().dataset() == null) {
            return null;
          }
          long version = entry.checkpoint().version();
          if (entry.record().spec().offline()) {
            String held = heldOutSummary(entry.checkpoint().heldOut());
            log.info("job {} succeeded: last checkpoint v{}{}", jobId, version, held);
            journal.transition(
                jobId, JobState.SUCCEEDED, "checkpoint v" + version + held, "succeeded");
            return null;
          }
          int expected = entry.record().spec().dataset().heldOutPrompts();
          if (reports.scoredCount(jobId, version) >= expected
              && reports.sweepCount(jobId, version) >= expected * sweeps(entry.record().spec())) {
            log.info(
                "job {} succeeded: last checkpoint v{} evaluated on {} prompts",
                jobId,
                version,
                expected);
            journal.transition(
                jobId,
                JobState.SUCCEEDED,
                "checkpoint v" + version + " evaluated on " + expected + " held-out prompts",
                "succeeded");
          }
          return null;
        });
  }

  /** How the held-out preference pairs went, for the SUCCEEDED event of an offline job. */
  private static String heldOutSummary(PreferenceEvaluation h) {
    if (h == null) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT,
        ": held-out preference accuracy %.4f (step 0: %.4f), margin %.4f (step 0: %.4f) over %d"
            + " pairs",
        h.accuracy(),
        h.baselineAccuracy(),
        h.margin(),
        h.baselineMargin(),
        h.pairs());
  }

  /**
   * Moves a job that can still fail to FAILED with {@code error}; a job already ended or being
   * cancelled keeps its state (a replayed failure after a restart changes nothing).
   */
  void fail(String jobId, String error) {
    journal.locked(
        () -> {
          JobEntry entry = store.find(jobId).orElse(null);
          if (entry == null || !JobTransitions.allowed(entry.record().state(), JobState.FAILED)) {
            log.info("job {}: failure ignored, the job is not running: {}", jobId, error);
            return null;
          }
          log.warn("job {} failed: {}", jobId, error);
          journal.transition(jobId, JobState.FAILED, error, "failed");
          return null;
        });
  }

  /** How many extra strengths every held-out prompt is evaluated at besides the curriculum's. */
  private static int sweeps(JobSpec spec) {
    return spec.noise() == null ? 0 : spec.noise().sweepStrengths().size();
  }

  private static boolean isActive(JobEntry entry) {
    return entry.record() != null && !entry.record().state().isTerminal();
  }
}
