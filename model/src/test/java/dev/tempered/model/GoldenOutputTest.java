package dev.tempered.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reference behaviour of MODEL.md: greedy decoding from BOS reproduces the known story. */
class GoldenOutputTest {

  private static final String GOLDEN =
      "Once upon a time, there was a little girl named Lily. She loved"
          + " to play outside in the park. One day, she saw a big, red ball. She wanted to play with it,"
          + " but it was too high.";

  @Test
  void greedyDecodingFromBosReproducesModelMd() {
    try (LlamaModel model = Stories260K.model()) {
      Llama2cTokenizer tok = Stories260K.tokenizer();
      GeneratedSequence out =
          Generator.generate(
                  model,
                  List.of(new int[] {Llama2cTokenizer.BOS}),
                  GenerationOptions.greedy(80, Set.of(Llama2cTokenizer.BOS, Llama2cTokenizer.EOS)))
              .get(0);
      assertThat(Arrays.copyOf(out.tokens(), 10))
          .containsExactly(403, 407, 261, 378, 432, 383, 286, 261, 376, 298);
      int[] withBos = new int[out.tokens().length + 1];
      withBos[0] = Llama2cTokenizer.BOS;
      System.arraycopy(out.tokens(), 0, withBos, 1, out.tokens().length);
      assertThat(tok.decode(withBos)).startsWith(GOLDEN);
    }
  }

  @Test
  void tokenizerRoundTripsTheGoldenText() {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    int[] ids = tok.encode("Once upon a time", true, false);
    assertThat(ids).startsWith(1, 403, 407, 261, 378);
    assertThat(tok.decode(ids)).isEqualTo("Once upon a time");
  }
}
