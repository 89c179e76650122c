package dev.tempered.reward.processing;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.Split;
import dev.tempered.reward.jobs.JobRegistry;
import dev.tempered.reward.model.JobModels;
import dev.tempered.reward.scoring.RewardComponents;
import dev.tempered.reward.scoring.RewardScorer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one candidate group end to end: skips duplicates, looks up the job's weights, scores the
 * group and publishes the result.
 */
public class CandidateGroupService {

  /** What became of one group. */
  public enum Outcome {
    SCORED,
    EVALUATED,
    DUPLICATE,
    JOB_FINISHED
  }

  private static final Logger log = LoggerFactory.getLogger(CandidateGroupService.class);

  private final JobRegistry jobs;
  private final RewardComponents components;
  private final JobModels models;
  private final SeenMessageIds seen;
  private final ComponentStatistics statistics;
  private final ResultPublisher publisher;

  /** A service without model-based components (a job weighting them fails its groups). */
  public CandidateGroupService(
      JobRegistry jobs,
      RewardComponents components,
      SeenMessageIds seen,
      ComponentStatistics statistics,
      ResultPublisher publisher) {
    this(jobs, components, null, seen, statistics, publisher);
  }

  /**
   * @param models loads the fluency and reward-model components of the jobs that weight them
   */
  public CandidateGroupService(
      JobRegistry jobs,
      RewardComponents components,
      JobModels models,
      SeenMessageIds seen,
      ComponentStatistics statistics,
      ResultPublisher publisher) {
    this.jobs = jobs;
    this.components = components;
    this.models = models;
    this.seen = seen;
    this.statistics = statistics;
    this.publisher = publisher;
  }

  /**
   * Scores and publishes {@code group} unless its message id was already handled.
   *
   * @throws IllegalArgumentException for a group that can never be scored (missing envelope, newer
   *     schema, no candidates, unknown reward component, ...); the caller dead-letters it
   */
  public Outcome handle(CandidateGroup group) {
    String messageId = validate(group);
    if (seen.contains(messageId)) {
      log.debug("skipping duplicate candidate group {} (message {})", group.promptId(), messageId);
      return Outcome.DUPLICATE;
    }
    if (jobs.isFinished(group.jobId())) {
      log.debug("skipping group {} of finished job {}", group.promptId(), group.jobId());
      seen.mark(messageId);
      return Outcome.JOB_FINISHED;
    }
    RewardScorer scorer = scorer(group.jobId());
    Envelope envelope = derivedEnvelope(messageId);
    Outcome outcome;
    if (group.split() == Split.EVAL) {
      EvaluationResult result = GroupScorer.scoreEvaluation(group, scorer, envelope);
      if (log.isDebugEnabled()) {
        log.debug(
            "job {} eval {} v{}: clean {} {} noisy {} {}",
            group.jobId(),
            group.promptId(),
            group.policyVersion(),
            result.cleanScore(),
            scorer
                .score(
                    group.cleanText(),
                    result.cleanAnswer(),
                    group.reference(),
                    result.cleanAnswer())
                .components(),
            result.noisyScore(),
            scorer
                .score(
                    group.noisyText(),
                    result.noisyAnswer(),
                    group.reference(),
                    result.cleanAnswer())
                .components());
      }
      publisher.publish(result);
      outcome = Outcome.EVALUATED;
    } else {
      ScoredGroup scored = GroupScorer.scoreTraining(group, scorer, envelope);
      logComponents(scored);
      publisher.publish(scored);
      outcome = Outcome.SCORED;
    }
    // Marked only after publishing, so a failed send is retried rather than skipped.
    seen.mark(messageId);
    return outcome;
  }

  private RewardScorer scorer(String jobId) {
    try {
      RewardSpec reward = jobs.rewardFor(jobId);
      RewardComponents known =
          reward.regex() == null ? components : components.withRegex(reward.regex());
      return new RewardScorer(
          reward.weights(), reward.targetSimilarity(), withModels(known, jobId, reward));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("job " + jobId + ": " + e.getMessage(), e);
    }
  }

  /** Adds the model-based components the job weights, loaded (once) for this job. */
  private RewardComponents withModels(RewardComponents known, String jobId, RewardSpec reward) {
    boolean fluency = reward.weights().containsKey(RewardComponents.FLUENCY);
    boolean rewardModel = reward.weights().containsKey(RewardComponents.REWARD_MODEL);
    if (!fluency && !rewardModel) {
      return known;
    }
    if (models == null) {
      throw new IllegalArgumentException("this service has no model-based reward components");
    }
    RewardComponents more = known;
    if (fluency) {
      String model =
          jobs.find(jobId)
              .map(JobRecord::spec)
              .map(JobSpec::model)
              .orElseThrow(() -> new IllegalArgumentException("fluency needs the job's model"));
      more = more.withModel(RewardComponents.FLUENCY, models.fluency(model));
    }
    if (rewardModel) {
      more =
          more.withModel(RewardComponents.REWARD_MODEL, models.rewardModel(reward.rewardModel()));
    }
    return more;
  }

  /** Debug line per group; the per-job info line counts training groups only. */
  private void logComponents(ScoredGroup scored) {
    List<Map<String, Double>> perCandidate =
        scored.candidates().stream().map(ScoredCandidate::components).toList();
    if (log.isDebugEnabled()) {
      log.debug(
          "job {} group {} v{}: components {} rewards {} advantages {} selected {}",
          scored.jobId(),
          scored.promptId(),
          scored.policyVersion(),
          perCandidate,
          scored.candidates().stream().map(ScoredCandidate::reward).toList(),
          scored.candidates().stream().map(ScoredCandidate::advantage).toList(),
          scored.selectedIndex());
    }
    int tiedPairs = scored.tiedPairs() == null ? 0 : scored.tiedPairs();
    statistics
        .record(scored.jobId(), perCandidate, tiedPairs)
        .ifPresent(
            summary ->
                log.info(
                    "job {}: {} groups scored; mean components over the last window {};"
                        + " DPO pairs dropped as ties so far {}",
                    summary.jobId(),
                    summary.groups(),
                    summary.means(),
                    summary.tiedPairs()));
  }

  private static String validate(CandidateGroup group) {
    if (group == null) {
      throw new IllegalArgumentException("candidate group is empty (null value)");
    }
    Envelope envelope = group.envelope();
    if (envelope == null || envelope.messageId() == null || envelope.messageId().isBlank()) {
      throw new IllegalArgumentException(
          "candidate group " + group.promptId() + " has no envelope.messageId");
    }
    if (envelope.schemaVersion() > Envelope.CURRENT_SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "candidate group "
              + group.promptId()
              + " has schema version "
              + envelope.schemaVersion()
              + ", newer than "
              + Envelope.CURRENT_SCHEMA_VERSION);
    }
    if (group.jobId() == null || group.jobId().isBlank()) {
      throw new IllegalArgumentException("candidate group " + group.promptId() + " has no jobId");
    }
    if (group.split() == null) {
      throw new IllegalArgumentException("candidate group " + group.promptId() + " has no split");
    }
    return envelope.messageId();
  }

  /**
   * An output envelope whose message id is derived from the input's, so a group re-scored after a
   * crash (before its offset was committed) carries the same id and downstream dedup still works.
   */
  static Envelope derivedEnvelope(String inputMessageId) {
    UUID id =
        UUID.nameUUIDFromBytes(
            ("reward-service:" + inputMessageId).getBytes(StandardCharsets.UTF_8));
    return new Envelope(Envelope.CURRENT_SCHEMA_VERSION, id.toString(), Instant.now());
  }
}
