package dev.tempered.reward.processing;

import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.reward.scoring.CandidateScore;
import dev.tempered.reward.scoring.ChrF;
import dev.tempered.reward.scoring.GroupAdvantages;
import dev.tempered.reward.scoring.RewardScorer;
import dev.tempered.reward.scoring.TargetSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns a candidate group into what the pipeline needs next: a {@link ScoredGroup} for training
 * groups, an {@link EvaluationResult} for held-out groups. Pure: no Spring, no Kafka.
 */
public final class GroupScorer {

  private GroupScorer() {}

  /**
   * Scores every candidate, selects T_k (argmax S, lowest index on ties), computes the policy
   * rewards (S, or similarity to T_k), their GRPO advantages, and the DPO pair of T_k against the
   * lowest-scored candidate (none when their S are equal: a tie, counted in {@code tiedPairs}).
   *
   * @throws IllegalArgumentException when the group has no candidates or no reference
   */
  public static ScoredGroup scoreTraining(
      CandidateGroup group, RewardScorer scorer, Envelope envelope) {
    List<Candidate> candidates = requireCandidates(group);
    String reference = requireReference(group);
    List<String> texts = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      texts.add(requireText(group, candidates.get(i), i));
    }
    List<CandidateScore> scores =
        scorer.scoreAll(promptOf(group.noisyText()), texts, reference, group.cleanAnswer());
    double[] totals = new double[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      totals[i] = scores.get(i).total();
    }
    int k = TargetSelection.argmax(totals);
    double[] rewards = scorer.policyRewards(texts, totals, k);
    GroupAdvantages advantages = GroupAdvantages.of(rewards);
    List<ScoredCandidate> scored = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      scored.add(
          new ScoredCandidate(
              c.text(),
              c.tokenIds(),
              c.logprobs(),
              c.finishReason(),
              scores.get(i).components(),
              rewards[i],
              advantages.advantages()[i],
              totals[i]));
    }
    List<PreferencePair> pairs = pairs(totals, k);
    int tiedPairs = pairs.isEmpty() && totals.length > 1 ? 1 : 0;
    return new ScoredGroup(
        envelope,
        group.jobId(),
        group.promptId(),
        group.group(),
        group.policyVersion(),
        group.temperature(),
        group.curriculumLevel(),
        group.promptTokenIds(),
        scored,
        k,
        advantages.mean(),
        advantages.std(),
        scorer.targetSimilarity(),
        pairs,
        tiedPairs,
        group.cleanText(),
        group.noisyText());
  }

  /** The DPO pair (T_k, lowest S), or none when the two tie or the group has one candidate. */
  private static List<PreferencePair> pairs(double[] totals, int k) {
    OptionalInt rejected = TargetSelection.rejected(totals, k);
    if (rejected.isEmpty()) {
      return List.of();
    }
    int worst = rejected.getAsInt();
    return List.of(new PreferencePair(k, worst, totals[k], totals[worst]));
  }

  /**
   * Scores the clean and the noisy greedy answer of a held-out group against the same reference (S,
   * whatever the job's targetSimilarity), and their consistency: chrF of the noisy answer against
   * the clean one.
   *
   * @throws IllegalArgumentException unless the group holds exactly one {@code clean} and one
   *     {@code noisy} candidate and a reference
   */
  public static EvaluationResult scoreEvaluation(
      CandidateGroup group, RewardScorer scorer, Envelope envelope) {
    List<Candidate> candidates = requireCandidates(group);
    String reference = requireReference(group);
    String clean = answer(group, candidates, Candidate.CLEAN);
    String noisy = answer(group, candidates, Candidate.NOISY);
    return new EvaluationResult(
        envelope,
        group.jobId(),
        group.promptId(),
        group.group(),
        group.policyVersion(),
        // The clean greedy answer is the policy's answer to the clean prompt, for consistency.
        scorer.score(promptOf(group.cleanText()), clean, reference, clean).total(),
        scorer.score(promptOf(group.noisyText()), noisy, reference, clean).total(),
        clean,
        noisy,
        ChrF.sentence(noisy, clean),
        group.noiseKinds(),
        group.curriculumLevel(),
        group.strengthSweep());
  }

  private static String answer(CandidateGroup group, List<Candidate> candidates, String variant) {
    List<Candidate> matching =
        candidates.stream().filter(c -> variant.equals(c.variant())).toList();
    if (matching.size() != 1) {
      throw new IllegalArgumentException(
          "EVAL group "
              + group.promptId()
              + " of job "
              + group.jobId()
              + " must hold exactly one '"
              + variant
              + "' candidate, found "
              + matching.size());
    }
    return requireText(group, matching.get(0), candidates.indexOf(matching.get(0)));
  }

  /** The prompt a candidate answered, for components that read it (the LLM judge). */
  private static String promptOf(String text) {
    return text == null ? "" : text;
  }

  private static List<Candidate> requireCandidates(CandidateGroup group) {
    if (group.candidates() == null || group.candidates().isEmpty()) {
      throw new IllegalArgumentException(
          "group " + group.promptId() + " of job " + group.jobId() + " has no candidates");
    }
    return group.candidates();
  }

  private static String requireReference(CandidateGroup group) {
    if (group.reference() == null) {
      throw new IllegalArgumentException(
          "group " + group.promptId() + " of job " + group.jobId() + " has no reference");
    }
    return group.reference();
  }

  private static String requireText(CandidateGroup group, Candidate candidate, int index) {
    if (candidate == null || candidate.text() == null) {
      throw new IllegalArgumentException(
          "candidate "
              + index
              + " of group "
              + group.promptId()
              + " of job "
              + group.jobId()
              + " has no text");
    }
    return candidate.text();
  }
}
