package dev.tempered.reward.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.Split;
import dev.tempered.reward.scoring.RewardComponents;
import dev.tempered.reward.scoring.RewardScorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupScorerTest {

  private final RewardScorer scorer =
      new RewardScorer(Map.of("chrf", 0.5, "sentence-end", 0.5), RewardComponents.standard());
  private final Envelope envelope = Envelope.create();

  @Test
  void trainingGroupCarriesEverythingTheTrainerNeeds() {
    CandidateGroup group = TestGroups.train("job-a", "Tom ran home.", "zzz!", "Tom ran home.");

    ScoredGroup scored = GroupScorer.scoreTraining(group, scorer, envelope);

    // S = [0.5 * 0 + 0.5 * 1, 0.5 * 1 + 0.5 * 1] = [0.5, 1.0]; mean 0.75;
    // Bessel std sqrt(2 * 0.25^2 / 1) = 0.3535534; A = ±0.25 / 0.3536534 = ±0.706907
    assertThat(scored.selectedIndex()).isEqualTo(1);
    assertThat(scored.rewardMean()).isEqualTo(0.75);
    assertThat(scored.rewardStd()).isCloseTo(Math.sqrt(0.125), within(1e-12));
    assertThat(scored.candidates().get(0).advantage()).isCloseTo(-0.706907, within(1e-6));
    assertThat(scored.candidates().get(1).advantage()).isCloseTo(0.706907, within(1e-6));
    assertThat(scored.candidates().get(0).components())
        .containsExactly(Map.entry("chrf", 0.0), Map.entry("sentence-end", 1.0));
    assertThat(scored.candidates().get(1).tokenIds()).containsExactly(11, 21);
    assertThat(scored.candidates().get(1).logprobs()).containsExactly(-0.5f, -0.25f);
    assertThat(scored.candidates().get(1).finishReason()).isEqualTo(Candidate.FINISH_STOP);
    assertThat(scored.envelope()).isSameAs(envelope);
    assertThat(scored.promptTokenIds()).containsExactly(1, 5, 9);
    assertThat(scored.temperature()).isEqualTo(0.8f);
    assertThat(scored.curriculumLevel()).isEqualTo(0.25);
    assertThat(scored.policyVersion()).isEqualTo(3L);
    assertThat(scored.group()).isEqualTo("typos");
  }

  @Test
  void evaluationScoresCleanAndNoisyAnswersAgainstTheSameReference() {
    CandidateGroup group = TestGroups.eval("job-b", "Tom ran home.", "Tom ran home.", "Tom ran");

    EvaluationResult result = GroupScorer.scoreEvaluation(group, scorer, envelope);

    // clean: 0.5 * 1 + 0.5 * 1 = 1.0; noisy: "Tomran" vs "Tomranhome." — hyp n-grams all match,
    // P = 1 for n = 1..6; R = 6/11, 5/10, 4/9, 3/8, 2/7, 1/6; no sentence end.
    double recall = (6.0 / 11 + 5.0 / 10 + 4.0 / 9 + 3.0 / 8 + 2.0 / 7 + 1.0 / 6) / 6;
    double chrf = 5 * recall / (4 + recall);
    assertThat(result.cleanScore()).isEqualTo(1.0);
    assertThat(result.noisyScore()).isCloseTo(0.5 * chrf, within(1e-12));
    assertThat(result.cleanAnswer()).isEqualTo("Tom ran home.");
    assertThat(result.noisyAnswer()).isEqualTo("Tom ran");
    assertThat(result.policyVersion()).isEqualTo(3L);
  }

  @Test
  void evaluationNeedsOneCleanAndOneNoisyAnswer() {
    CandidateGroup twoNoisy =
        TestGroups.group(
            "job-c",
            Split.EVAL,
            "ref",
            List.of(
                new Candidate(Candidate.NOISY, "a", List.of(), List.of(), Candidate.FINISH_STOP),
                new Candidate(Candidate.NOISY, "b", List.of(), List.of(), Candidate.FINISH_STOP)));

    assertThatThrownBy(() -> GroupScorer.scoreEvaluation(twoNoisy, scorer, envelope))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one 'clean' candidate, found 0");
  }

  @Test
  void groupsWithoutReferenceOrCandidatesFail() {
    CandidateGroup noReference = TestGroups.train("job-d", null, "a");
    CandidateGroup empty = TestGroups.group("job-d", Split.TRAIN, "ref", List.of());

    assertThatThrownBy(() -> GroupScorer.scoreTraining(noReference, scorer, envelope))
        .hasMessageContaining("has no reference");
    assertThatThrownBy(() -> GroupScorer.scoreTraining(empty, scorer, envelope))
        .hasMessageContaining("has no candidates");
  }
}
