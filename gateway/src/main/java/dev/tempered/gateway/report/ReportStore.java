package dev.tempered.gateway.report;

import dev.tempered.api.message.EvaluationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Held-out scores per job, one per (policy version, prompt id): a prompt scored again for the same
 * version (after a sampler restart) replaces its earlier score instead of counting twice.
 * Thread-safe.
 */
@Component
public class ReportStore {

  private final Map<String, JobScores> jobs = new ConcurrentHashMap<>();

  /** Records one evaluation. */
  public void add(EvaluationResult result) {
    jobs.computeIfAbsent(result.jobId(), id -> new JobScores()).put(EvaluationScore.of(result));
  }

  /** Every score of the job, in arrival order per version. */
  public List<EvaluationScore> scores(String jobId) {
    JobScores scores = jobs.get(jobId);
    return scores == null ? List.of() : scores.all();
  }

  /**
   * Distinct held-out prompts scored for the job under the version at the curriculum's strength.
   */
  public int scoredCount(String jobId, long policyVersion) {
    JobScores scores = jobs.get(jobId);
    return scores == null ? 0 : scores.count(policyVersion, false);
  }

  /** Distinct held-out copies at the job's evaluation strengths scored under the version. */
  public int sweepCount(String jobId, long policyVersion) {
    JobScores scores = jobs.get(jobId);
    return scores == null ? 0 : scores.count(policyVersion, true);
  }

  /** The report of the job. */
  public RobustnessReport report(String jobId, int heldOutPrompts) {
    return RobustnessReportCalculator.compute(jobId, heldOutPrompts, scores(jobId));
  }

  private static final class JobScores {
    private final Map<Long, Map<String, EvaluationScore>> byVersion = new LinkedHashMap<>();

    synchronized void put(EvaluationScore score) {
      byVersion
          .computeIfAbsent(score.policyVersion(), v -> new LinkedHashMap<>())
          .put(score.promptId(), score);
    }

    synchronized List<EvaluationScore> all() {
      return byVersion.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    synchronized int count(long version, boolean sweep) {
      Map<String, EvaluationScore> scores = byVersion.get(version);
      return scores == null
          ? 0
          : (int) scores.values().stream().filter(s -> s.sweep() == sweep).count();
    }
  }
}
