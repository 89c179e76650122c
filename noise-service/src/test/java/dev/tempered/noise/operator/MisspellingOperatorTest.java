package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.message.NoiseOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MisspellingOperatorTest {

  private static final Misspellings TABLE =
      Misspellings.of(
          Map.of(
              "the", List.of("teh", "hte"),
              "friends", List.of("freinds"),
              "happy", List.of("hapy", "happpy", "Happy"),
              "because", List.of("be_cause")));
  private static final String TEXT =
      "The friends were happy because the sun was out, and the friends sang.";

  private final MisspellingOperator operator = new MisspellingOperator(TABLE);

  @Test
  void strengthZeroIsTheIdentity() {
    NoisyText out = operator.apply(TEXT, 0.0, new SplittableRandom(1));
    assertThat(out.text()).isEqualTo(TEXT);
    assertThat(out.ops()).isEmpty();
  }

  @Test
  void sameSeedGivesTheSameOutput() {
    NoisyText a = operator.apply(TEXT, 0.5, new SplittableRandom(99));
    NoisyText b = operator.apply(TEXT, 0.5, new SplittableRandom(99));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void fullStrengthReplacesEveryKnownWordKeepingTheLeadingCapital() {
    NoisyText out = operator.apply(TEXT, 1.0, new SplittableRandom(3));

    // 7 words have misspellings: The, friends, happy, because, the, the, friends.
    assertThat(out.ops()).hasSize(7);
    assertThat(out.ops()).allSatisfy(op -> assertThat(op.kind()).isEqualTo("misspelling"));
    assertThat(out.ops().get(0).before()).isEqualTo("The");
    assertThat(out.ops().get(0).after()).isIn("Teh", "Hte");
    // "Happy" equals the word itself ignoring case, so it is never a misspelling of it.
    assertThat(out.ops()).extracting(NoiseOp::after).doesNotContain("Happy", "happy");
    assertThat(out.ops()).extracting(NoiseOp::after).contains("be cause");
    assertThat(out.text()).contains(" were ", " sun was out, and ");
  }

  @Test
  void replayingTheOpsOnTheCleanTextGivesTheNoisyText() {
    for (long seed = 0; seed < 50; seed++) {
      NoisyText out = operator.apply(TEXT, 0.6, new SplittableRandom(seed));
      assertThat(NoisyText.replay(TEXT, out.ops())).isEqualTo(out.text());
    }
  }

  @Test
  void opsUseOffsetsIntoTheTextBeforeEachChange() {
    NoisyText out = operator.apply("the happy", 1.0, new SplittableRandom(5));
    NoiseOp second = out.ops().get(1);
    int firstGrowth = out.ops().get(0).after().length() - 3;
    assertThat(second.start()).isEqualTo(4 + firstGrowth);
    assertThat(second.end()).isEqualTo(9 + firstGrowth);
    assertThat(second.before()).isEqualTo("happy");
  }

  @Test
  void measuredEditRateGrowsWithStrength() {
    double low = editRate(0.1);
    double mid = editRate(0.5);
    double high = editRate(0.9);

    assertThat(low).isLessThan(mid);
    assertThat(mid).isLessThan(high);
    // Each of the 7 eligible words changes with probability = strength.
    assertThat(low).isCloseTo(0.1, within(0.03));
    assertThat(mid).isCloseTo(0.5, within(0.03));
    assertThat(high).isCloseTo(0.9, within(0.03));
  }

  @Test
  void readsTheJsonTableAndRejectsStrengthOutsideTheUnitInterval(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("spell_errors.json"), "{\"cat\": [\"kat\", \"cta\"], \"dog\": [\"dgo\"]}");
    Misspellings table = Misspellings.load(file);
    assertThat(table.size()).isEqualTo(2);
    assertThat(table.of("CAT")).containsExactly("kat", "cta");

    assertThatThrownBy(() -> operator.apply(TEXT, 1.5, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }

  private double editRate(double strength) {
    int changed = 0;
    int trials = 2000;
    for (int seed = 0; seed < trials; seed++) {
      changed += operator.apply(TEXT, strength, new SplittableRandom(seed)).ops().size();
    }
    return changed / (7.0 * trials);
  }
}
