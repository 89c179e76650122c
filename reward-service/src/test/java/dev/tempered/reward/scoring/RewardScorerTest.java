package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardScorerTest {

  private final RewardComponents known = RewardComponents.standard();

  @Test
  void totalIsTheWeightedSumOfComponents() {
    RewardScorer scorer = new RewardScorer(Map.of("chrf", 0.5, "sentence-end", 2.0), known);

    // Identical to the reference and ends a sentence: 0.5 * 1 + 2.0 * 1 = 2.5
    CandidateScore perfect = scorer.score("The hat sat.", "The hat sat.");
    assertThat(perfect.components()).containsEntry("chrf", 1.0).containsEntry("sentence-end", 1.0);
    assertThat(perfect.total()).isCloseTo(2.5, within(1e-12));

    // chrF("the cat", "the hat") = 101/360 (see ChrFTest), no sentence end: 0.5 * 101/360 + 0
    CandidateScore partial = scorer.score("the cat", "the hat");
    assertThat(partial.components().get("chrf")).isCloseTo(101.0 / 360.0, within(1e-12));
    assertThat(partial.components()).containsEntry("sentence-end", 0.0);
    assertThat(partial.total()).isCloseTo(0.5 * 101.0 / 360.0, within(1e-12));
  }

  @Test
  void componentsAreReportedInNameOrderEvenWithZeroWeight() {
    RewardScorer scorer = new RewardScorer(Map.of("sentence-end", 1.0, "chrf", 0.0), known);

    CandidateScore score = scorer.score("xyz!", "abc");

    assertThat(score.components())
        .containsExactly(Map.entry("chrf", 0.0), Map.entry("sentence-end", 1.0));
    assertThat(score.total()).isEqualTo(1.0);
  }

  @Test
  void unknownComponentFailsNamingIt() {
    assertThatThrownBy(() -> new RewardScorer(Map.of("chrf", 1.0, "bleurt", 1.0), known))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown reward component 'bleurt'")
        .hasMessageContaining(
            "[answer-format, bleu, chrf, chrf++, consistency, exact-match, fluency, numeric-answer,"
                + " regex, reward-model, rouge-l, sentence-end]");
  }

  @Test
  void emptyOrNonFiniteWeightsFail() {
    assertThatThrownBy(() -> new RewardScorer(Map.of(), known))
        .hasMessageContaining("at least one component");
    Map<String, Double> nullWeight = new HashMap<>();
    nullWeight.put("chrf", null);
    assertThatThrownBy(() -> new RewardScorer(nullWeight, known))
        .hasMessageContaining("'chrf' must be a finite number");
    assertThatThrownBy(() -> new RewardScorer(Map.of("chrf", Double.NaN), known))
        .hasMessageContaining("'chrf' must be a finite number");
  }

  @Test
  void everyComponentIsSelectableByName() {
    Map<String, Double> weights = new HashMap<>();
    for (String name : known.names()) {
      // the model-based components are loaded per job (ModelRewardsTest)
      if (!RewardComponents.MODEL_BASED.contains(name)) {
        weights.put(name, 1.0);
      }
    }
    RewardScorer scorer = new RewardScorer(weights, known.withRegex("#### [0-9]+"));
    String answer = "She makes 18 dollars.\n#### 18";

    CandidateScore same = scorer.score("", answer, answer, answer);

    // Identical texts: every similarity is 1 (consistency too: the clean answer is the same), the
    // answer matches, the regex and the GSM8K format are found; the text ends in "18", not a
    // sentence end.
    assertThat(same.components())
        .containsExactly(
            Map.entry("answer-format", 1.0),
            Map.entry("bleu", 1.0),
            Map.entry("chrf", 1.0),
            Map.entry("chrf++", 1.0),
            Map.entry("consistency", 1.0),
            Map.entry("exact-match", 1.0),
            Map.entry("numeric-answer", 1.0),
            Map.entry("regex", 1.0),
            Map.entry("rouge-l", 1.0),
            Map.entry("sentence-end", 0.0));
    assertThat(same.total()).isEqualTo(9.0);
  }

  @Test
  void consistencyIsChrFAgainstTheCleanAnswerNotTheReference() {
    RewardScorer scorer = new RewardScorer(Map.of("consistency", 2.0), known);

    // Hand-computed in ChrFTest: "ab" vs "abc" 7/11, "abc" vs "ab" 7/8, "the cat" vs "the hat"
    // 101/360; the reference plays no part.
    assertThat(scorer.score("", "ab", "zzz", "abc").components().get("consistency"))
        .isCloseTo(7.0 / 11.0, within(1e-12));
    assertThat(scorer.score("", "abc", "zzz", "ab").total())
        .isCloseTo(2 * 7.0 / 8.0, within(1e-12));
    assertThat(scorer.score("", "the cat", "ab", "the hat").components().get("consistency"))
        .isCloseTo(101.0 / 360.0, within(1e-12));
    assertThatThrownBy(() -> scorer.score("", "the cat", "the cat", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the policy's answer to the clean prompt");
    assertThatThrownBy(() -> scorer.score("the cat", "the cat"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void regexComponentNeedsAPattern() {
    assertThatThrownBy(() -> new RewardScorer(Map.of("regex", 1.0), known))
        .hasMessageContaining("needs reward.regex");
  }

  @Test
  void policyRewardsAreSOrSimilarityToTheTarget() {
    List<String> texts = List.of("the cat", "the hat", "");
    double[] totals = {0.2, 0.9, 0.0};

    RewardScorer byTotal = new RewardScorer(Map.of("chrf", 1.0), known);
    assertThat(byTotal.targetSimilarity()).isNull();
    assertThat(byTotal.policyRewards(texts, totals, 1)).containsExactly(0.2, 0.9, 0.0);

    // chrF(y, T_k = "the hat"): 101/360 for "the cat" (ChrFTest), 1 for T_k itself, 0 for "".
    RewardScorer bySimilarity = new RewardScorer(Map.of("chrf", 1.0), "chrf", known);
    assertThat(bySimilarity.targetSimilarity()).isEqualTo("chrf");
    assertThat(bySimilarity.policyRewards(texts, totals, 1))
        .containsExactly(new double[] {101.0 / 360.0, 1.0, 0.0}, within(1e-12));

    assertThatThrownBy(() -> new RewardScorer(Map.of("chrf", 1.0), "sentence-end", known))
        .hasMessageContaining("target similarity must be one of [bleu, chrf, chrf++, rouge-l]");
  }
}
