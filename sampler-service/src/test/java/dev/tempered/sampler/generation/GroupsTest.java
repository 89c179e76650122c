package dev.tempered.sampler.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoiseOp;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {

  private static NoisyInput input(List<NoiseOp> ops) {
    return new NoisyInput(
        Envelope.create(), "job", "p", Split.EVAL, 0, "g", "clean", "noisy", ops, "ref", 0.5);
  }

  @Test
  void groupCarriesTheDistinctKindsOfTheOpsInOrder() {
    List<NoiseOp> ops =
        List.of(
            new NoiseOp("synonym", 0, 3, "big", "large"),
            new NoiseOp("char-swap", 5, 7, "ab", "ba"),
            new NoiseOp("synonym", 9, 12, "fast", "quick"));

    assertThat(Groups.group(input(ops), 2, 0f, new int[] {1, 7}, List.of()).noiseKinds())
        .containsExactly("synonym", "char-swap");
  }

  @Test
  void promptWithoutOpsHasNoKinds() {
    assertThat(Groups.group(input(List.of()), 2, 0f, new int[] {1}, List.of()).noiseKinds())
        .isEmpty();
  }
}
