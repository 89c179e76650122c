package dev.tempered.trainer.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The seeded held-out split and epoch order of an offline job's pairs. */
class PairScheduleTest {

  private static final List<PreferencePair> PAIRS =
      IntStream.range(0, 10).mapToObj(i -> new PreferencePair("p" + i, "c" + i, "r" + i)).toList();

  @Test
  void theSameSeedHoldsOutTheSamePairsAndTheSplitsAreDisjoint() {
    PairSplit a = PairSplit.of(PAIRS, 3, 7);
    PairSplit b = PairSplit.of(PAIRS, 3, 7);
    assertThat(a).isEqualTo(b);
    assertThat(a.heldOut()).hasSize(3);
    assertThat(a.train()).hasSize(7).doesNotContainAnyElementsOf(a.heldOut());
    List<PreferencePair> union = new ArrayList<>(a.heldOut());
    union.addAll(a.train());
    assertThat(union).containsExactlyInAnyOrderElementsOf(PAIRS);
    assertThat(PairSplit.of(PAIRS, 3, 8).heldOut()).isNotEqualTo(a.heldOut());
  }

  @Test
  void holdingOutEveryPairIsRefusedWithTheCounts() {
    assertThatThrownBy(() -> PairSplit.of(PAIRS, 10, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heldOutPrompts is 10 but the file has 10 pairs");
  }

  @Test
  void eachEpochVisitsEveryPairOnceAndBatchesRunOnIntoTheNext() {
    List<PreferencePair> train = PAIRS.subList(0, 5);
    PairOrder order = new PairOrder(train, 7);
    List<PreferencePair> first = order.next(3);
    List<PreferencePair> second = order.next(3); // 2 of epoch 1, then 1 of epoch 2
    assertThat(order.epochs()).isEqualTo(2);
    List<PreferencePair> epochOne = new ArrayList<>(first);
    epochOne.addAll(second.subList(0, 2));
    assertThat(new HashSet<>(epochOne)).containsExactlyInAnyOrderElementsOf(train);
    List<PreferencePair> epochTwo = new ArrayList<>(second.subList(2, 3));
    epochTwo.addAll(order.next(4));
    assertThat(new HashSet<>(epochTwo)).containsExactlyInAnyOrderElementsOf(train);
    assertThat(epochTwo).as("a fresh shuffle per epoch").isNotEqualTo(epochOne);

    PairOrder again = new PairOrder(train, 7);
    assertThat(again.next(3)).isEqualTo(first);
  }
}
