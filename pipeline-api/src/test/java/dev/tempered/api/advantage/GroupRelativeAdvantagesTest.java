package dev.tempered.api.advantage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values of DESIGN.md section 4 and hand-computed batch / none scalings. */
class GroupRelativeAdvantagesTest {

  private static final double TOLERANCE = 1e-6;

  @Test
  void groupScalingGoldenValues() {
    double[][] a =
        GroupRelativeAdvantages.compute(
            List.of(new double[] {0, 1}, new double[] {1, 1, 1, 1}), RewardScaling.GROUP);
    // mean 0.5, Bessel std sqrt(0.5) = 0.7071068: ±0.5 / 0.7072068 = ±0.707007
    assertThat(a[0][0]).isCloseTo(-0.707007, within(TOLERANCE));
    assertThat(a[0][1]).isCloseTo(0.707007, within(TOLERANCE));
    assertThat(a[1]).containsExactly(0.0, 0.0, 0.0, 0.0);
  }

  @Test
  void batchScalingKeepsTheGroupMeanAndDividesByTheBatchStd() {
    // batch [0, 1, 3, 3]: mean 1.75, squares 3.0625 + 0.5625 + 1.5625 + 1.5625 = 6.75,
    // Bessel std sqrt(6.75 / 3) = 1.5. Group means 0.5 and 3.
    double[][] a =
        GroupRelativeAdvantages.compute(
            List.of(new double[] {0, 1}, new double[] {3, 3}), RewardScaling.BATCH);
    assertThat(a[0][0]).isCloseTo(-0.5 / 1.5001, within(TOLERANCE));
    assertThat(a[0][1]).isCloseTo(0.5 / 1.5001, within(TOLERANCE));
    assertThat(a[0][1]).isCloseTo(0.333311, within(TOLERANCE));
    assertThat(a[1]).containsExactly(0.0, 0.0);
  }

  @Test
  void noScalingOnlyCentres() {
    double[][] a =
        GroupRelativeAdvantages.compute(List.of(new double[] {0, 1, 5}), RewardScaling.NONE);
    assertThat(a[0]).containsExactly(-2.0, -1.0, 3.0);
  }

  @Test
  void statsAreBesselCorrectedAndZeroForOneReward() {
    assertThat(RewardStats.of(new double[] {1, 2, 4}).std())
        .isCloseTo(Math.sqrt(7.0 / 3), within(1e-12));
    assertThat(RewardStats.of(new double[] {0.8})).isEqualTo(new RewardStats(0.8, 0.0));
  }

  @Test
  void wireNamesAndErrors() {
    assertThat(RewardScaling.fromWireName("batch")).isEqualTo(RewardScaling.BATCH);
    assertThat(RewardScaling.GROUP.wireName()).isEqualTo("group");
    assertThatThrownBy(() -> RewardScaling.fromWireName("std"))
        .hasMessageContaining("[group, batch, none]");
    assertThatThrownBy(() -> GroupRelativeAdvantages.compute(List.of(), RewardScaling.GROUP))
        .hasMessageContaining("empty batch");
    assertThatThrownBy(
            () ->
                GroupRelativeAdvantages.compute(
                    List.of(new double[] {1, Double.NaN}), RewardScaling.GROUP))
        .hasMessageContaining("reward 1 is NaN");
  }
}
