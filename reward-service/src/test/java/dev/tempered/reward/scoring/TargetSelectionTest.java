package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetSelectionTest {

  @Test
  void picksTheHighestReward() {
    assertThat(TargetSelection.argmax(new double[] {0.2, 0.9, 0.5})).isEqualTo(1);
    assertThat(TargetSelection.argmax(new double[] {-3.0, -1.0, -2.0})).isEqualTo(1);
  }

  @Test
  void tiesGoToTheLowestIndex() {
    assertThat(TargetSelection.argmax(new double[] {0.5, 1.0, 1.0, 0.2})).isEqualTo(1);
    assertThat(TargetSelection.argmax(new double[] {0.0, 0.0, 0.0, 0.0})).isEqualTo(0);
    assertThat(TargetSelection.argmax(new double[] {0.7})).isEqualTo(0);
  }

  @Test
  void rejectsEmptyGroupsAndNaN() {
    assertThatThrownBy(() -> TargetSelection.argmax(new double[0]))
        .hasMessageContaining("empty group");
    assertThatThrownBy(() -> TargetSelection.argmax(new double[] {1.0, Double.NaN}))
        .hasMessageContaining("candidate 1 is NaN");
  }

  @Test
  void theRejectedCandidateIsTheLowestScoredOneUnlessItTiesWithTheTarget() {
    assertThat(TargetSelection.argmin(new double[] {0.5, 0.1, 0.1, 0.9})).isEqualTo(1);
    assertThat(TargetSelection.rejected(new double[] {0.5, 0.1, 0.1, 0.9}, 3)).hasValue(1);
    // all equal: T_k = 0 and the worst is 0 too, a tie
    assertThat(TargetSelection.rejected(new double[] {0.4, 0.4, 0.4}, 0)).isEmpty();
    assertThat(TargetSelection.rejected(new double[] {0.4}, 0)).isEmpty();
  }
}
