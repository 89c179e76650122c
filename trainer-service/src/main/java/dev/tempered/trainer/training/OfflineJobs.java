package dev.tempered.trainer.training;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.Rollout;
import dev.tempered.trainer.preference.PairLearnerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline jobs of this trainer, each an {@link OfflineJobRunner} stepped one step per task on
 * the trainer's single model thread, so a job's pause, cancel or end (and other jobs' work) is
 * taken between two steps. A job whose algorithm has no {@link PairLearnerFactory}, whose file
 * cannot be read, or whose step throws is given up with a failure rollout. Every method runs on
 * that thread.
 */
final class OfflineJobs {

  private static final Logger log = LoggerFactory.getLogger(OfflineJobs.class);

  /** What is known of one offline job. */
  private static final class Job {
    JobRecord record;
    OfflineJobRunner runner;
    boolean scheduled;
    boolean done;
  }

  private final Executor worker;
  private final Map<String, PairLearnerFactory> learners;
  private final DataRoot data;
  private final CheckpointStore checkpoints;
  private final TrainerPublisher publisher;
  private final int maxNonFiniteSteps;
  private final Map<String, Job> jobs = new HashMap<>();

  /**
   * @param learners the learner of each algorithm this trainer runs offline
   */
  OfflineJobs(
      Executor worker,
      Map<String, PairLearnerFactory> learners,
      DataRoot data,
      CheckpointStore checkpoints,
      TrainerPublisher publisher,
      int maxNonFiniteSteps) {
    this.worker = worker;
    this.learners = Map.copyOf(learners);
    this.data = data;
    this.checkpoints = checkpoints;
    this.publisher = publisher;
    this.maxNonFiniteSteps = maxNonFiniteSteps;
  }

  void onJob(JobRecord record) {
    Job job = jobs.computeIfAbsent(record.jobId(), id -> new Job());
    job.record = record;
    if (record.state().isTerminal() || record.state() == JobState.CANCELLING) {
      finish(job);
    } else if (record.state() == JobState.RUNNING && !job.done && !job.scheduled) {
      job.scheduled = true;
      worker.execute(() -> step(record.jobId()));
    }
  }

  /** One step of a running job, then the next as a new task; a paused job waits for RUNNING. */
  private void step(String jobId) {
    Job job = jobs.get(jobId);
    job.scheduled = false;
    if (job.done || job.record.state() != JobState.RUNNING) {
      return;
    }
    try {
      if (job.runner == null) {
        job.runner = start(job.record);
      }
      job.runner.step();
    } catch (JobFailure e) {
      giveUp(jobId, job, e.getMessage());
      return;
    } catch (PublishFailure e) {
      // The broker, not the job, is at fault; the next step's rollout carries the count on.
      log.error("job {}: {}", jobId, e.getMessage());
    } catch (RuntimeException e) {
      log.error("job {}: training failed", jobId, e);
      giveUp(jobId, job, "training failed: " + e);
      return;
    }
    if (job.runner.finished()) {
      finish(job);
    } else {
      job.scheduled = true;
      worker.execute(() -> step(jobId));
    }
  }

  private OfflineJobRunner start(JobRecord record) {
    PairLearnerFactory factory = learners.get(record.spec().algorithm());
    if (factory == null) {
      throw new JobFailure(
          "algorithm '"
              + record.spec().algorithm()
              + "' is not implemented by this trainer for preference files; it runs "
              + learners.keySet());
    }
    return OfflineJobRunner.start(record, factory, data, checkpoints, publisher, maxNonFiniteSteps);
  }

  private void giveUp(String jobId, Job job, String reason) {
    log.warn("job {}: giving up: {}", jobId, reason);
    long step = job.runner == null ? 0 : job.runner.steps();
    long version = job.runner == null ? 0 : job.runner.version();
    long consumed = job.runner == null ? 0 : job.runner.pairsConsumed();
    finish(job);
    publisher.rollout(Rollout.failed(jobId, step, version, consumed, reason));
  }

  private static void finish(Job job) {
    job.done = true;
    if (job.runner != null) {
      job.runner.close();
      job.runner = null;
    }
  }
}
