package dev.tempered.reward.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.reward.jobs.JobRegistry;
import dev.tempered.reward.processing.CandidateGroupService.Outcome;
import dev.tempered.reward.scoring.RewardComponents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateGroupServiceTest {

  private final JobRegistry jobs = new JobRegistry();
  private final List<Object> published = new ArrayList<>();
  private final CandidateGroupService service =
      new CandidateGroupService(
          jobs,
          RewardComponents.standard(),
          new SeenMessageIds(100),
          new ComponentStatistics(2),
          new ResultPublisher() {
            @Override
            public void publish(ScoredGroup group) {
              published.add(group);
            }

            @Override
            public void publish(EvaluationResult evaluation) {
              published.add(evaluation);
            }
          });

  @Test
  void unknownJobIsScoredWithChrfOnly() {
    // "Tom ran home." is identical to the reference (chrF 1) and "zzz!" shares nothing (chrF 0);
    // with {chrf: 1.0} the sentence end of "zzz!" earns nothing.
    assertThat(
            service.handle(TestGroups.train("unknown", "Tom ran home.", "zzz!", "Tom ran home.")))
        .isEqualTo(Outcome.SCORED);

    ScoredGroup scored = (ScoredGroup) published.get(0);
    assertThat(scored.candidates()).extracting(c -> c.reward()).containsExactly(0.0, 1.0);
    assertThat(scored.candidates().get(0).components()).containsOnlyKeys("chrf");
  }

  @Test
  void knownJobUsesItsWeights() {
    jobs.update("job-w", job("job-w", JobState.RUNNING, Map.of("sentence-end", 2.0)));

    service.handle(TestGroups.train("job-w", "Tom ran home.", "zzz!", "Tom ran"));

    ScoredGroup scored = (ScoredGroup) published.get(0);
    assertThat(scored.candidates()).extracting(c -> c.reward()).containsExactly(2.0, 0.0);
    assertThat(scored.selectedIndex()).isZero();
  }

  @Test
  void duplicatesAreSkippedAndOutputIdsAreDerivedFromInputIds() {
    CandidateGroup group = TestGroups.train("job-x", "ref.", "ref.", "other");

    assertThat(service.handle(group)).isEqualTo(Outcome.SCORED);
    assertThat(service.handle(group)).isEqualTo(Outcome.DUPLICATE);

    assertThat(published).hasSize(1);
    String outputId = ((ScoredGroup) published.get(0)).envelope().messageId();
    assertThat(outputId)
        .isEqualTo(CandidateGroupService.derivedEnvelope(group.envelope().messageId()).messageId())
        .isNotEqualTo(group.envelope().messageId());
  }

  @Test
  void finishedJobsAreSkipped() {
    jobs.update("job-c", job("job-c", JobState.CANCELLED, Map.of("chrf", 1.0)));

    assertThat(service.handle(TestGroups.train("job-c", "ref", "ref")))
        .isEqualTo(Outcome.JOB_FINISHED);
    assertThat(published).isEmpty();
  }

  @Test
  void unknownComponentAndNewerSchemaFailClearly() {
    jobs.update("job-u", job("job-u", JobState.RUNNING, Map.of("bleurt", 1.0)));
    CandidateGroup group = TestGroups.train("job-u", "ref", "ref");
    CandidateGroup future =
        new CandidateGroup(
            new Envelope(99, "m-1", Instant.now()),
            "job-u",
            "p",
            group.split(),
            "g",
            "c",
            "n",
            "ref",
            0,
            0,
            1f,
            List.of(),
            group.candidates());

    assertThatThrownBy(() -> service.handle(group))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job job-u: unknown reward component 'bleurt'");
    assertThatThrownBy(() -> service.handle(future)).hasMessageContaining("schema version 99");
    assertThat(published).isEmpty();
  }

  @Test
  void theJobsRegexAndTargetSimilarityAreUsed() {
    RewardSpec reward = new RewardSpec(Map.of("regex", 1.0, "chrf", 0.0), "chrf", "ran");
    jobs.update("job-r", job("job-r", JobState.RUNNING, reward));

    service.handle(TestGroups.train("job-r", "Tom ran home.", "Tom ran home.", "zzz"));

    // S = regex found: [1, 0], so T_k = 0; rewards = chrF(y, T_k) = [1, 0]; pair (0, 1).
    ScoredGroup scored = (ScoredGroup) published.get(0);
    assertThat(scored.targetSimilarity()).isEqualTo("chrf");
    assertThat(scored.candidates()).extracting(c -> c.total()).containsExactly(1.0, 0.0);
    assertThat(scored.candidates()).extracting(c -> c.reward()).containsExactly(1.0, 0.0);
    assertThat(scored.pairs()).containsExactly(new PreferencePair(0, 1, 1.0, 0.0));
    assertThat(scored.tiedPairs()).isZero();
  }

  @Test
  void evalGroupsBecomeEvaluations() {
    assertThat(service.handle(TestGroups.eval("job-e", "Hi.", "Hi.", "zzz")))
        .isEqualTo(Outcome.EVALUATED);

    EvaluationResult result = (EvaluationResult) published.get(0);
    assertThat(result.cleanScore()).isEqualTo(1.0);
    assertThat(result.noisyScore()).isEqualTo(0.0);
  }

  private static JobRecord job(String id, JobState state, Map<String, Double> weights) {
    return job(id, state, new RewardSpec(weights));
  }

  private static JobRecord job(String id, JobState state, RewardSpec reward) {
    JobSpec spec = new JobSpec("n", "stories260K", "grpo", 1, null, null, null, reward, null);
    return new JobRecord(
        Envelope.create(),
        id,
        spec,
        state,
        0,
        null,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now());
  }
}
