package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {

  private static final double TOLERANCE = 1e-6;

  @Test
  void goldenTwoCandidateGroup() {
    // mean 0.5, Bessel std sqrt((0.25 + 0.25) / 1) = 0.7071068; A = ±0.5 / 0.7072068 = ±0.707007
    GroupAdvantages result = GroupAdvantages.of(new double[] {0.0, 1.0});

    assertThat(result.advantages()[0]).isCloseTo(-0.707007, within(TOLERANCE));
    assertThat(result.advantages()[1]).isCloseTo(0.707007, within(TOLERANCE));
    assertThat(result.mean()).isEqualTo(0.5);
    assertThat(result.std()).isCloseTo(Math.sqrt(0.5), within(1e-12));
  }

  @Test
  void goldenEqualRewardsGiveZero() {
    GroupAdvantages result = GroupAdvantages.of(new double[] {1, 1, 1, 1});

    assertThat(result.advantages()).containsExactly(0.0, 0.0, 0.0, 0.0);
    assertThat(result.mean()).isEqualTo(1.0);
    assertThat(result.std()).isEqualTo(0.0);
  }

  @Test
  void handComputedThreeCandidateGroup() {
    // rewards [1, 2, 4]: mean 7/3; deviations -4/3, -1/3, 5/3; squares 16/9 + 1/9 + 25/9 = 42/9;
    // Bessel variance 42/9 / 2 = 7/3, std = sqrt(7/3) = 1.5275252; std + 1e-4 = 1.5276252
    // A = -1.3333333 / 1.5276252 = -0.872814, -0.3333333 / 1.5276252 = -0.218204,
    //      1.6666667 / 1.5276252 =  1.091018
    GroupAdvantages result = GroupAdvantages.of(new double[] {1, 2, 4});

    assertThat(result.mean()).isCloseTo(7.0 / 3.0, within(1e-12));
    assertThat(result.std()).isCloseTo(1.5275252, within(TOLERANCE));
    assertThat(result.advantages()[0]).isCloseTo(-0.872814, within(TOLERANCE));
    assertThat(result.advantages()[1]).isCloseTo(-0.218204, within(TOLERANCE));
    assertThat(result.advantages()[2]).isCloseTo(1.091018, within(TOLERANCE));
  }

  @Test
  void singleCandidateGetsZero() {
    GroupAdvantages result = GroupAdvantages.of(new double[] {0.8});

    assertThat(result.advantages()).containsExactly(0.0);
    assertThat(result.mean()).isEqualTo(0.8);
    assertThat(result.std()).isEqualTo(0.0);
  }

  @Test
  void rejectsEmptyGroupsAndNonFiniteRewards() {
    assertThatThrownBy(() -> GroupAdvantages.of(new double[0])).hasMessageContaining("empty group");
    assertThatThrownBy(() -> GroupAdvantages.of(new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("candidate 1 is Infinity");
  }
}
