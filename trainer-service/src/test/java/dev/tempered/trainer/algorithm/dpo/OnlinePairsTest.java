package dev.tempered.trainer.algorithm.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** T_k against the worst candidate; ties dropped and counted. */
class OnlinePairsTest {

  @Test
  void pairsTheTargetWithTheLowestScoredCandidate() {
    OnlinePairs.Result r =
        OnlinePairs.of(
            List.of(
                new double[] {0.3, 0.9, 0.1, 0.1},
                new double[] {0.5, 0.5, 0.5},
                new double[] {0.2, 0.7}),
            new int[] {1, 0, 1});
    // group 0: worst 0.1 first at index 2; group 1 ties; group 2: 1 vs 0
    assertThat(r.pairs())
        .containsExactly(new OnlinePairs.Pair(0, 1, 2), new OnlinePairs.Pair(2, 1, 0));
    assertThat(r.ties()).isEqualTo(1);
  }

  @Test
  void rejectsASelectedIndexOutsideTheGroup() {
    assertThatThrownBy(() -> OnlinePairs.of(List.of(new double[] {1, 2}), new int[] {2}))
        .hasMessageContaining("selected index 2 outside 2 candidates");
  }
}
