package dev.tempered.reward.jobs;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.reward.scoring.RewardComponents;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest {@link JobRecord} of every job seen on the compacted {@code jobs} topic, and the
 * reward weights each job's candidates are scored with.
 */
public class JobRegistry {

  /** Used for a group whose job is not known yet, so its data is scored rather than dropped. */
  public static final Map<String, Double> FALLBACK_WEIGHTS = Map.of(RewardComponents.CHRF, 1.0);

  private static final Logger log = LoggerFactory.getLogger(JobRegistry.class);

  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();

  /**
   * Keeps {@code job} as the latest record of {@code jobId}; a null record (tombstone) forgets it.
   */
  public void update(String jobId, JobRecord job) {
    if (jobId == null) {
      return;
    }
    if (job == null) {
      jobs.remove(jobId);
    } else {
      jobs.put(jobId, job);
    }
  }

  /** The latest record of {@code jobId}, if one was seen. */
  public Optional<JobRecord> find(String jobId) {
    return jobId == null ? Optional.empty() : Optional.ofNullable(jobs.get(jobId));
  }

  /** True when the job is known and can change no more (succeeded, failed or cancelled). */
  public boolean isFinished(String jobId) {
    return find(jobId).map(job -> job.state() != null && job.state().isTerminal()).orElse(false);
  }

  /**
   * The job's {@code reward.weights}, or {@link #FALLBACK_WEIGHTS} with a warning (once per job)
   * when the job or its reward spec is not known yet: the jobs topic and the candidates topic are
   * read independently, so a group can arrive before its job record.
   */
  public Map<String, Double> weightsFor(String jobId) {
    return rewardFor(jobId).weights();
  }

  /**
   * The job's reward spec, or one with {@link #FALLBACK_WEIGHTS} (rewards = S, no regex) with a
   * warning once per job when the job or its reward weights are not known yet.
   */
  public RewardSpec rewardFor(String jobId) {
    JobRecord job = jobs.get(jobId == null ? "" : jobId);
    if (job != null
        && job.spec() != null
        && job.spec().reward() != null
        && job.spec().reward().weights() != null) {
      return job.spec().reward();
    }
    if (warnedUnknown.add(String.valueOf(jobId))) {
      log.warn(
          "job {} is not known (yet); scoring its candidates with default weights {}",
          jobId,
          FALLBACK_WEIGHTS);
    }
    return new RewardSpec(FALLBACK_WEIGHTS);
  }
}
