package dev.tempered.model.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.model.Stories260K;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generation options on the real stories260K model, whose greedy continuation of BOS is known from
 * MODEL.md: 403 407 261 378 432 383 286 261 376 298 ...
 */
class GeneratorTest {

  private static final int[] GOLDEN = {403, 407, 261, 378, 432, 383, 286, 261, 376, 298};
  private static final int[] BOS = {Llama2cTokenizer.BOS};

  private static LlamaModel model;

  @BeforeAll
  static void load() {
    model = Stories260K.model();
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  private static GeneratedSequence one(int[] prompt, GenerationOptions options) {
    return Generator.generate(model, List.of(prompt), options).get(0);
  }

  @Test
  void maxNewTokensBoundsTheCompletion() {
    GeneratedSequence out = one(BOS, GenerationOptions.greedy(5, Set.of()));
    assertThat(out.tokens()).containsExactly(403, 407, 261, 378, 432);
    assertThat(out.logprobs()).hasSize(5);
    assertThat(out.stopped()).isFalse();
    assertThat(out.finishReason()).isEqualTo("length");
  }

  @Test
  void stopsAtTheFirstOfSeveralStopIdsAndKeepsIt() {
    // 378 comes fourth and 298 tenth: the first of them ends the sequence, inclusive.
    GeneratedSequence out = one(BOS, GenerationOptions.greedy(20, Set.of(298, 378, 2)));
    assertThat(out.tokens()).containsExactly(403, 407, 261, 378);
    assertThat(out.stopped()).isTrue();
    assertThat(out.finishReason()).isEqualTo("stop");
    // A stop id that is also sampled on the last allowed step still counts as a stop.
    GeneratedSequence atBudget = one(BOS, GenerationOptions.greedy(4, Set.of(378)));
    assertThat(atBudget.tokens()).containsExactly(403, 407, 261, 378);
    assertThat(atBudget.stopped()).isTrue();
  }

  @Test
  void rowsOfABatchStopIndependently() {
    List<GeneratedSequence> out =
        Generator.generate(
            model,
            List.of(BOS, new int[] {1, 403, 407, 261, 378}),
            GenerationOptions.greedy(6, Set.of(261)));
    assertThat(out.get(0).tokens()).containsExactly(403, 407, 261);
    assertThat(out.get(0).stopped()).isTrue();
    // The second row continues the golden text from its fifth token: 432 383 286 261.
    assertThat(out.get(1).tokens()).containsExactly(432, 383, 286, 261);
    assertThat(out.get(1).stopped()).isTrue();
  }

  @Test
  void samplingIsReproducibleFromTheSeed() {
    int[] prompt = Stories260K.tokenizer().encode("The dog", true, false);
    List<int[]> rows = List.of(prompt, prompt, prompt);
    GenerationOptions options = new GenerationOptions(1f, 40, 0.95f, 24, Set.of(), 99L);
    List<GeneratedSequence> first = Generator.generate(model, rows, options);
    List<GeneratedSequence> second = Generator.generate(model, rows, options);
    List<GeneratedSequence> other =
        Generator.generate(model, rows, new GenerationOptions(1f, 40, 0.95f, 24, Set.of(), 100L));
    for (int b = 0; b < rows.size(); b++) {
      assertThat(second.get(b).tokens()).containsExactly(first.get(b).tokens());
      assertThat(second.get(b).logprobs()).containsExactly(first.get(b).logprobs());
    }
    // Rows of one call draw different samples of the same prompt; another seed draws others.
    assertThat(first.get(0).tokens()).isNotEqualTo(first.get(1).tokens());
    assertThat(other.get(0).tokens()).isNotEqualTo(first.get(0).tokens());
  }

  @Test
  void leftPaddedBatchAgreesWithUnpaddedSingleRows() {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    List<int[]> prompts =
        List.of(
            tok.encode("Lily", true, false),
            tok.encode("The little bird sang a song in the tall green tree.", true, false),
            BOS,
            tok.encode("Tom and Sue went to the park", true, false));
    GenerationOptions options = GenerationOptions.greedy(30, Set.of(Llama2cTokenizer.EOS));
    List<GeneratedSequence> batched = Generator.generate(model, prompts, options);
    for (int b = 0; b < prompts.size(); b++) {
      GeneratedSequence alone = one(prompts.get(b), options);
      assertThat(batched.get(b).tokens()).as("row %d", b).containsExactly(alone.tokens());
      float[] expected = alone.logprobs();
      for (int i = 0; i < expected.length; i++) {
        assertThat(batched.get(b).logprobs()[i])
            .as("row %d token %d", b, i)
            .isCloseTo(expected[i], within(1e-5f));
      }
    }
    assertThat(batched.get(2).tokens()).startsWith(GOLDEN);
  }

  @Test
  void refusesPromptsThatDoNotFitTheContext() {
    List<int[]> prompts = new ArrayList<>();
    prompts.add(new int[500]);
    assertThatThrownBy(
            () -> Generator.generate(model, prompts, GenerationOptions.greedy(20, Set.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds the model's context of 512");
  }
}
