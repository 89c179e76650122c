package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordShuffleOperatorTest {

  private static final String TEXT = "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11";

  @Test
  void noWordMovesFurtherThanTheWindow() {
    int maxMove = 0;
    for (int window : new int[] {1, 2, 3}) {
      WordShuffleOperator op = new WordShuffleOperator(window);
      maxMove = 0;
      for (long seed = 0; seed < 500; seed++) {
        List<String> words =
            Arrays.asList(op.apply(TEXT, 1.0, new SplittableRandom(seed)).text().split(" "));
        assertThat(words).containsExactlyInAnyOrder(TEXT.split(" "));
        for (int slot = 0; slot < words.size(); slot++) {
          int from = Integer.parseInt(words.get(slot).substring(1));
          maxMove = Math.max(maxMove, Math.abs(from - slot));
        }
      }
      assertThat(maxMove).as("window %d", window).isEqualTo(window);
    }
  }

  @Test
  void keepsTheWhitespaceInPlace() {
    String text = "a  b\tc\nd";
    for (long seed = 0; seed < 50; seed++) {
      String out = new WordShuffleOperator(3).apply(text, 1.0, new SplittableRandom(seed)).text();
      assertThat(out.replaceAll("\\S", "x")).isEqualTo("x  x\tx\nx");
    }
  }

  @Test
  void localPermutationWithWindowOneOnlySwapsNeighbours() {
    // alpha = 2: item i can only pass item i+1, so the order is a product of adjacent swaps.
    int[] order = LocalShuffle.order(6, 1, 1.0, new SplittableRandom(9));
    for (int slot = 0; slot < order.length; slot++) {
      assertThat(Math.abs(order[slot] - slot)).isLessThanOrEqualTo(1);
    }
    assertThat(LocalShuffle.order(5, 3, 0.0, new SplittableRandom(9)))
        .containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void rejectsAWindowBelowOne() {
    assertThatThrownBy(() -> new WordShuffleOperator(0))
        .hasMessageContaining("window must be >= 1");
  }
}
