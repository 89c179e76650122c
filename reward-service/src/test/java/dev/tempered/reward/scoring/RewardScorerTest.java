package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
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
    assertThatThrownBy(() -> new RewardScorer(Map.of("chrf", 1.0, "bleu", 1.0), known))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown reward component 'bleu'")
        .hasMessageContaining("[chrf, sentence-end]");
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
}
