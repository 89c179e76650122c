package dev.tempered.model.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.model.Stories260K;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * HotFlip against stories260K on TinyStories: at the same edit budget its flips raise the loss of
 * the true next sentence more than random substitutions do.
 */
class HotFlipTest {

  private static final int BUDGET = 2;
  private static final int PROMPTS = 12;
  private static final int RANDOM_DRAWS = 5;

  @Test
  void raisesTheReferenceLossMoreThanRandomSubstitutionAtTheSameBudget() throws IOException {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    List<int[][]> pairs = pairs(tok);
    try (LlamaModel model = Stories260K.model()) {
      HotFlip hotFlip = new HotFlip(model, learnedPieces(tok));
      double clean = 0;
      double flipped = 0;
      double random = 0;
      SplittableRandom rng = new SplittableRandom(2024);
      for (int[][] pair : pairs) {
        clean += hotFlip.loss(pair[0], pair[1]);
        HotFlip.Result attack = hotFlip.attack(pair[0], pair[1], BUDGET);
        assertThat(attack.positions()).hasSize(BUDGET).doesNotHaveDuplicates().doesNotContain(0);
        assertThat(changed(pair[0], attack.tokens())).isEqualTo(BUDGET);
        flipped += attack.loss();
        for (int d = 0; d < RANDOM_DRAWS; d++) {
          HotFlip.Result r = hotFlip.random(pair[0], pair[1], BUDGET, rng);
          assertThat(changed(pair[0], r.tokens())).isEqualTo(BUDGET);
          random += r.loss() / RANDOM_DRAWS;
        }
      }
      int n = pairs.size();
      System.out.printf(
          "HotFlip vs random, stories260K, %d TinyStories prompts, budget %d: mean reference NLL"
              + " clean %.4f, random %.4f, HotFlip %.4f nats%n",
          n, BUDGET, clean / n, random / n, flipped / n);
      assertThat(flipped / n).isGreaterThan(random / n);
      assertThat(random / n).isGreaterThan(clean / n);
    }
  }

  @Test
  void theLossIsTheNegativeSumOfTheReferenceLogProbabilities() throws IOException {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    int[][] pair = pairs(tok).get(0);
    try (LlamaModel model = Stories260K.model()) {
      double loss = ReferenceLoss.of(model, pair[0], pair[1]);
      ReferenceLoss.WithGradient g = ReferenceLoss.withGradient(model, pair[0], pair[1]);
      assertThat(g.loss()).isCloseTo(loss, within(1e-4));
      assertThat(g.gradient()).hasSize(pair[0].length * model.config().dim());
      assertThat(loss).isPositive();
      HotFlip hotFlip = new HotFlip(model, learnedPieces(tok));
      assertThatThrownBy(() -> hotFlip.attack(pair[0], pair[1], pair[0].length))
          .hasMessageContaining("edit budget");
    }
  }

  private static int changed(int[] a, int[] b) {
    return (int) IntStream.range(0, a.length).filter(i -> a[i] != b[i]).count();
  }

  private static int[] learnedPieces(Llama2cTokenizer tok) {
    return IntStream.range(259, tok.vocabSize()).toArray();
  }

  /** (prompt with BOS, continuation) token pairs: first and second sentence of a story. */
  private static List<int[][]> pairs(Llama2cTokenizer tok) throws IOException {
    String text =
        Files.readString(Stories260K.sharedRoot().resolve("data/tinystories/tinystories_val.txt"));
    List<int[][]> pairs = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n|<\\|endoftext\\|>")) {
      String[] sentences = paragraph.strip().replaceAll("\\s+", " ").split("(?<=[.!?]) ");
      if (sentences.length < 2 || sentences[0].length() < 20) {
        continue;
      }
      int[] prompt = tok.encode(sentences[0], true, false);
      int[] full = tok.encode(sentences[0] + " " + sentences[1], true, false);
      if (full.length > prompt.length
          && Arrays.equals(Arrays.copyOf(full, prompt.length), prompt)) {
        pairs.add(new int[][] {prompt, Arrays.copyOfRange(full, prompt.length, full.length)});
      }
      if (pairs.size() == PROMPTS) {
        break;
      }
    }
    assertThat(pairs).hasSize(PROMPTS);
    return pairs;
  }
}
