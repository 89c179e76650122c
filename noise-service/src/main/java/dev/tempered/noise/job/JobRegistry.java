package dev.tempered.noise.job;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.noise.curriculum.EvaluationHistory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The latest record of every job, the trainer's progress on it and its held-out scores, written by
 * the Kafka listeners and read by the publisher thread. A job seen in a terminal state stays
 * finished for good, even if an older RUNNING record is replayed later.
 */
@Component
public class JobRegistry {

  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<String, TrainerProgress> progress = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final Map<String, EvaluationHistory> evaluations = new ConcurrentHashMap<>();

  /**
   * Keeps {@code record} as the job's latest state; a job trained from a preference file has no
   * prompts to noise and is not kept.
   */
  public void onJob(JobRecord record) {
    if (finished.contains(record.jobId()) || (record.spec() != null && record.spec().offline())) {
      return;
    }
    if (record.state() != null && record.state().isTerminal()) {
      finished.add(record.jobId());
    }
    jobs.put(record.jobId(), record);
  }

  /** A tombstone on the compacted jobs topic: the job is gone, so stop it for good. */
  public void onJobDeleted(String jobId) {
    finished.add(jobId);
    jobs.remove(jobId);
    evaluations.remove(jobId);
  }

  /** Raises the job's trainer progress to what {@code rollout} reports. */
  public void onRollout(Rollout rollout) {
    progress.merge(rollout.jobId(), TrainerProgress.of(rollout), TrainerProgress::max);
  }

  /**
   * Counts one held-out prompt's clean and noisy score: the adaptive curriculum's input. Results at
   * the job's extra evaluation strengths are left out, so the curriculum sees only its own held-out
   * strength, as without them.
   */
  public void onEvaluation(EvaluationResult result) {
    if (finished.contains(result.jobId()) || result.inStrengthSweep()) {
      return;
    }
    evaluations
        .computeIfAbsent(result.jobId(), id -> new EvaluationHistory())
        .add(result.policyVersion(), result.promptId(), result.cleanScore(), result.noisyScore());
  }

  /** The job's held-out scores so far (empty before the first evaluation). */
  public EvaluationHistory evaluations(String jobId) {
    return evaluations.computeIfAbsent(jobId, id -> new EvaluationHistory());
  }

  /** Jobs whose latest record is RUNNING. */
  public List<JobRecord> running() {
    return jobs.values().stream().filter(r -> r.state() == JobState.RUNNING).toList();
  }

  public boolean isFinished(String jobId) {
    return finished.contains(jobId);
  }

  public Optional<JobRecord> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  public TrainerProgress progress(String jobId) {
    return progress.getOrDefault(jobId, TrainerProgress.NONE);
  }
}
