package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.message.NoiseOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CharacterNoiseOperatorTest {

  // Eight words, each at least two letters with two different neighbours, so every edit applies.
  private static final String TEXT = "The big dog ran to the red ball.";
  private static final int WORDS = 8;

  @Test
  void keyboardTypoReplacesOneLetterByANeighbouringKey() {
    for (long seed = 0; seed < 100; seed++) {
      NoisyText out = op(CharacterNoiseOperator.KEYBOARD).apply(TEXT, 1.0, random(seed));
      assertThat(out.ops()).hasSize(WORDS);
      for (NoiseOp op : out.ops()) {
        assertThat(op.end() - op.start()).isEqualTo(1);
        assertThat(Keyboard.neighbours(op.before().charAt(0))).contains(op.after().toLowerCase());
        assertThat(Character.isUpperCase(op.after().charAt(0)))
            .isEqualTo(Character.isUpperCase(op.before().charAt(0)));
      }
    }
  }

  @Test
  void swapExchangesTwoAdjacentDifferentLetters() {
    NoisyText out = op(CharacterNoiseOperator.SWAP).apply("aab", 1.0, random(1));
    // "aa" is no change, so the only possible swap is "ab" -> "ba".
    assertThat(out.text()).isEqualTo("aba");
    assertThat(out.ops()).containsExactly(new NoiseOp("char-swap", 1, 3, "ab", "ba"));
    assertThat(op(CharacterNoiseOperator.SWAP).apply("aa a", 1.0, random(1)).ops()).isEmpty();
  }

  @Test
  void dropDeletesOneLetterButNeverAOneLetterWord() {
    NoisyText out = op(CharacterNoiseOperator.DROP).apply("I ox", 1.0, random(2));
    assertThat(out.text()).isIn("I x", "I o");
    assertThat(out.ops()).hasSize(1);
    assertThat(out.ops().get(0).after()).isEmpty();
    assertThat(out.ops().get(0).before()).hasSize(1);
  }

  @Test
  void insertTypesANeighbourRightAfterALetter() {
    for (long seed = 0; seed < 50; seed++) {
      NoisyText out = op(CharacterNoiseOperator.INSERT).apply("p", 1.0, random(seed));
      // 'p' touches only 'o' and 'l'.
      assertThat(out.text()).isIn("po", "pl");
      assertThat(out.ops())
          .containsExactly(new NoiseOp("char-insert", 1, 1, "", out.text().substring(1)));
    }
  }

  @Test
  void caseFlipsOneLetter() {
    NoisyText out = op(CharacterNoiseOperator.CASE).apply("Ab", 1.0, random(3));
    assertThat(out.text()).isIn("ab", "AB");
    assertThat(out.ops()).hasSize(1);
  }

  @Test
  void theShareOfEditedWordsIsTheStrength() {
    for (String kind :
        new String[] {"keyboard-typo", "char-swap", "char-drop", "char-insert", "char-case"}) {
      for (double strength : new double[] {0.1, 0.5, 0.9}) {
        int edited = 0;
        int trials = 2000;
        for (int seed = 0; seed < trials; seed++) {
          edited += op(kind).apply(TEXT, strength, random(seed)).ops().size();
        }
        // Binomial(16000, p): three standard deviations are below 0.012.
        assertThat(edited / (double) (trials * WORDS)).as(kind).isCloseTo(strength, within(0.015));
      }
    }
  }

  private static CharacterNoiseOperator op(String kind) {
    return CharacterNoiseOperator.of(kind);
  }

  private static SplittableRandom random(long seed) {
    return new SplittableRandom(seed);
  }
}
