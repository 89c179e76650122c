package dev.tempered.reward.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferencePair;
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
    // the prompt texts travel on for the gateway's labelling
    assertThat(scored.cleanText()).isEqualTo("clean prompt");
    assertThat(scored.noisyText()).isEqualTo("noisy prmpt");
    // rewards are S; T_k = 1 is preferred to the lowest-scored candidate 0
    assertThat(scored.candidates()).extracting(c -> c.total()).containsExactly(0.5, 1.0);
    assertThat(scored.candidates()).extracting(c -> c.reward()).containsExactly(0.5, 1.0);
    assertThat(scored.targetSimilarity()).isNull();
    assertThat(scored.pairs()).containsExactly(new PreferencePair(1, 0, 1.0, 0.5));
    assertThat(scored.tiedPairs()).isZero();
  }

  @Test
  void tiedTargetAndWorstGiveNoPairAndAreCounted() {
    CandidateGroup group = TestGroups.train("job-t", "Tom ran home.", "zzz!", "qqq?", "xxx!");

    ScoredGroup scored = GroupScorer.scoreTraining(group, scorer, envelope);

    // S = 0.5 * 0 + 0.5 * 1 for all three: T_k = 0 (lowest index), worst = 0, a tie
    assertThat(scored.selectedIndex()).isZero();
    assertThat(scored.pairs()).isEmpty();
    assertThat(scored.tiedPairs()).isEqualTo(1);
    assertThat(scored.candidates()).extracting(c -> c.advantage()).containsOnly(0.0);
  }

  @Test
  void targetSimilarityRewardsSimilarityToTheTarget() {
    RewardScorer bySimilarity =
        new RewardScorer(Map.of("chrf", 1.0), "chrf", RewardComponents.standard());
    CandidateGroup group = TestGroups.train("job-s", "the hat", "the cat", "the hat", "zzz");

    ScoredGroup scored = GroupScorer.scoreTraining(group, bySimilarity, envelope);

    // S = chrF(y, ref) = [101/360, 1, 0] (ChrFTest), so T_k = 1 ("the hat") and the pair is
    // (1, 2). Rewards = chrF(y, T_k) = the same numbers here because T_k equals the reference.
    assertThat(scored.selectedIndex()).isEqualTo(1);
    assertThat(scored.targetSimilarity()).isEqualTo("chrf");
    assertThat(scored.candidates().get(0).reward()).isCloseTo(101.0 / 360, within(1e-12));
    assertThat(scored.candidates().get(1).reward()).isEqualTo(1.0);
    assertThat(scored.pairs()).containsExactly(new PreferencePair(1, 2, 1.0, 0.0));

    CandidateGroup other = TestGroups.train("job-s", "qqq", "the cat", "the hat", "zzz");
    ScoredGroup toTarget = GroupScorer.scoreTraining(other, bySimilarity, envelope);
    // S against "qqq": no candidate shares a character with it, so all S are 0 and T_k = 0
    // ("the cat", lowest index); rewards = chrF(y, "the cat") = [1, 101/360, 0]; the pair ties.
    assertThat(toTarget.candidates()).extracting(c -> c.total()).containsExactly(0.0, 0.0, 0.0);
    assertThat(toTarget.selectedIndex()).isZero();
    assertThat(toTarget.candidates().get(0).reward()).isEqualTo(1.0);
    assertThat(toTarget.candidates().get(1).reward()).isCloseTo(101.0 / 360, within(1e-12));
    assertThat(toTarget.candidates().get(2).reward()).isEqualTo(0.0);
    assertThat(toTarget.pairs()).isEmpty();
    assertThat(toTarget.tiedPairs()).isEqualTo(1);
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
    // consistency = chrF("Tom ran", "Tom ran home."): the same numbers as the noisy chrF above,
    // since the clean answer equals the reference
    assertThat(result.consistency()).isCloseTo(chrf, within(1e-12));
    assertThat(result.policyVersion()).isEqualTo(3L);
    assertThat(result.noiseKinds()).isNull();
  }

  @Test
  void evaluationCarriesTheGroupsNoiseKinds() {
    CandidateGroup g = TestGroups.eval("job-k", "Tom ran home.", "Tom ran home.", "Tom ran");
    CandidateGroup withKinds =
        new CandidateGroup(
            g.envelope(),
            g.jobId(),
            g.promptId(),
            g.split(),
            g.group(),
            g.cleanText(),
            g.noisyText(),
            g.reference(),
            g.curriculumLevel(),
            g.policyVersion(),
            g.temperature(),
            g.promptTokenIds(),
            g.candidates(),
            List.of("char-swap", "synonym"));

    EvaluationResult result = GroupScorer.scoreEvaluation(withKinds, scorer, envelope);

    assertThat(result.noiseKinds()).containsExactly("char-swap", "synonym");
    assertThat(result.cleanScore()).isEqualTo(1.0);
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

  @Test
  void consistencyOfAHeldOutGroupComparesWithItsCleanGreedyAnswer() {
    RewardScorer consistency =
        new RewardScorer(Map.of("consistency", 1.0), RewardComponents.standard());
    CandidateGroup group = TestGroups.eval("job-c", "Tom ran home.", "the cat", "the hat");

    EvaluationResult result = GroupScorer.scoreEvaluation(group, consistency, envelope);

    // the clean answer against itself is 1; the noisy one scores the evaluation's own consistency,
    // chrF("the hat", "the cat") = 101/360 (hand-computed in ChrFTest)
    assertThat(result.cleanScore()).isEqualTo(1.0);
    assertThat(result.noisyScore()).isCloseTo(101.0 / 360.0, within(1e-12));
    assertThat(result.consistency()).isEqualTo(result.noisyScore());
  }

  @Test
  void aTrainingGroupWithoutACleanAnswerCannotBeScoredForConsistency() {
    RewardScorer consistency =
        new RewardScorer(Map.of("consistency", 1.0), RewardComponents.standard());
    CandidateGroup group = TestGroups.train("job-c", "Tom ran home.", "a", "b");

    assertThatThrownBy(() -> GroupScorer.scoreTraining(group, consistency, envelope))
        .hasMessageContaining("needs the policy's answer to the clean prompt");
  }
}
