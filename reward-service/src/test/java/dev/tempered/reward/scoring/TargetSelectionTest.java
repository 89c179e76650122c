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
}
