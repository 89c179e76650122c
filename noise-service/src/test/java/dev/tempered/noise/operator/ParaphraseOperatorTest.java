package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.message.NoiseOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What {@code paraphrase} does with the model's answers; the model over real HTTP is in {@code
 * ParaphraseSamplerIT}. Here the model is a fixed rewrite that records what it was asked.
 */
class ParaphraseOperatorTest {

  private static final String TEXT = "Tom has a red ball.";

  private final List<Long> seeds = new ArrayList<>();

  private ParaphraseOperator answering(String reply) {
    return new ParaphraseOperator(
        (model, text, seed) -> {
          assertThat(model).isEqualTo("stories260K");
          seeds.add(seed);
          return Optional.ofNullable(reply);
        },
        "stories260K");
  }

  @Test
  void strengthIsTheProbabilityOfOneWholeTextReplacement() {
    ParaphraseOperator op = answering("  Tom owns a ball that is red. ");
    int rewritten = 0;
    for (long s = 0; s < 1000; s++) {
      NoisyText out = op.apply(TEXT, 0.3, new SplittableRandom(s));
      if (!out.ops().isEmpty()) {
        rewritten++;
        assertThat(out.ops())
            .containsExactly(
                new NoiseOp("paraphrase", 0, TEXT.length(), TEXT, "Tom owns a ball that is red."));
        assertThat(out.text()).isEqualTo("Tom owns a ball that is red.");
      }
    }
    // Binomial(1000, 0.3): mean 300, standard deviation 14.5; +-5 sd.
    assertThat(rewritten).isBetween(228, 372);
    assertThat(seeds).hasSize(rewritten).allMatch(seed -> seed >= 0);
  }

  @Test
  void theSeedComesFromThePromptsGenerator() {
    ParaphraseOperator op = answering("Another text.");
    op.apply(TEXT, 1.0, new SplittableRandom(42));
    SplittableRandom expected = new SplittableRandom(42);
    expected.nextDouble();
    assertThat(seeds).containsExactly(expected.nextLong() >>> 1);
  }

  @Test
  void aFailedBlankOrUnchangedAnswerPassesTheTextClean() {
    for (String reply : new String[] {null, "   ", TEXT, " " + TEXT + "\n"}) {
      NoisyText out = answering(reply).apply(TEXT, 1.0, new SplittableRandom(1));
      assertThat(out.text()).as(String.valueOf(reply)).isEqualTo(TEXT);
      assertThat(out.ops()).isEmpty();
    }
  }
}
