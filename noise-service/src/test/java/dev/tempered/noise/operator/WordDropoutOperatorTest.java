package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.message.NoiseOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordDropoutOperatorTest {

  private static final String TEXT = "Lily went to the park with her mom and saw a big red dog.";
  private static final int WORDS = 14;

  private final WordDropoutOperator operator = new WordDropoutOperator();

  @Test
  void strengthZeroIsTheIdentity() {
    NoisyText out = operator.apply(TEXT, 0.0, new SplittableRandom(1));
    assertThat(out.text()).isEqualTo(TEXT);
    assertThat(out.ops()).isEmpty();
  }

  @Test
  void sameSeedGivesTheSameOutput() {
    assertThat(operator.apply(TEXT, 0.7, new SplittableRandom(11)))
        .isEqualTo(operator.apply(TEXT, 0.7, new SplittableRandom(11)));
  }

  @Test
  void dropsWholeWordsWithOneSpaceEach() {
    for (long seed = 0; seed < 200; seed++) {
      NoisyText out = operator.apply(TEXT, 1.0, new SplittableRandom(seed));
      int dropped = out.ops().size();
      assertThat(out.text().split(" ")).hasSize(WORDS - dropped);
      assertThat(out.text()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
      for (NoiseOp op : out.ops()) {
        assertThat(op.kind()).isEqualTo("word-dropout");
        assertThat(op.after()).isEmpty();
        assertThat(op.before().strip()).doesNotContain(" ");
        assertThat(op.before().length() - op.before().strip().length()).isEqualTo(1);
      }
    }
  }

  @Test
  void neverDropsEveryWord() {
    for (long seed = 0; seed < 500; seed++) {
      assertThat(operator.apply("one two", 1.0, new SplittableRandom(seed)).text())
          .isIn("one two", "one", "two");
      assertThat(operator.apply("alone", 1.0, new SplittableRandom(seed)).text())
          .isEqualTo("alone");
    }
  }

  @Test
  void replayingTheOpsOnTheCleanTextGivesTheNoisyText() {
    for (long seed = 0; seed < 200; seed++) {
      NoisyText out = operator.apply(TEXT, 0.8, new SplittableRandom(seed));
      assertThat(NoisyText.replay(TEXT, out.ops())).isEqualTo(out.text());
    }
  }

  @Test
  void measuredDropRateIsHalfTheStrength() {
    double low = dropRate(0.2);
    double mid = dropRate(0.6);
    double high = dropRate(1.0);

    assertThat(low).isLessThan(mid);
    assertThat(mid).isLessThan(high);
    assertThat(low).isCloseTo(0.1, within(0.02));
    assertThat(mid).isCloseTo(0.3, within(0.02));
    assertThat(high).isCloseTo(0.5, within(0.02));
  }

  private double dropRate(double strength) {
    int dropped = 0;
    int trials = 2000;
    for (int seed = 0; seed < trials; seed++) {
      dropped += operator.apply(TEXT, strength, new SplittableRandom(seed)).ops().size();
    }
    return dropped / (double) (WORDS * trials);
  }
}
