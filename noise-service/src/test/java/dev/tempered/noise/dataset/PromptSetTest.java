package dev.tempered.noise.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptSetTest {

  private final List<Example> examples =
      IntStream.range(0, 20)
          .mapToObj(i -> new Example("prompt " + i + ".", "reference number " + i + "."))
          .toList();

  @Test
  void sameSeedGivesTheSameSplitAndOtherSeedsShuffleDifferently() {
    PromptSet a = PromptSet.split(examples, 42, 5);
    PromptSet b = PromptSet.split(examples, 42, 5);
    PromptSet c = PromptSet.split(examples, 43, 5);

    assertThat(a.eval()).isEqualTo(b.eval());
    assertThat(a.eval()).isNotEqualTo(c.eval());
    assertThat(a.eval()).isNotEqualTo(examples.subList(0, 5));
  }

  @Test
  void heldOutExamplesAreNeverTrainedOnAndTrainingCycles() {
    PromptSet set = PromptSet.split(examples, 7, 5);
    assertThat(set.evalSize()).isEqualTo(5);
    assertThat(set.trainSize()).isEqualTo(15);

    List<Example> train = new ArrayList<>();
    for (int n = 0; n < 15; n++) {
      train.add(set.train(n));
    }
    Set<Example> all = new HashSet<>(train);
    all.addAll(set.eval());
    assertThat(all).hasSize(20);
    assertThat(train).doesNotContainAnyElementsOf(set.eval());
    assertThat(set.train(15)).isEqualTo(set.train(0));
    assertThat(set.train(31)).isEqualTo(set.train(1));
  }

  @Test
  void refusesToHoldOutEveryExample() {
    assertThatThrownBy(() -> PromptSet.split(examples, 1, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 usable examples")
        .hasMessageContaining("heldOutPrompts");
  }
}
