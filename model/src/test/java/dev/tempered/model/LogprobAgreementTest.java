package dev.tempered.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The log-prob the sampler reports for a token equals the teacher-forced log-prob of the same token
 * (DESIGN.md section 3), for left-padded and unpadded rows alike, and padding changes nothing.
 */
class LogprobAgreementTest {

  @Test
  void generationAndTeacherForcingAgreeOnPaddedBatches() {
    assertAgreement(GenerationOptions.sampling(0.8f, 20, Set.of(Llama2cTokenizer.EOS), 42L));
  }

  /** Top-k and top-p restrict which tokens are drawn, not the reported log-prob. */
  @Test
  void truncatedSamplingStillReportsTheTeacherForcedLogprob() {
    assertAgreement(new GenerationOptions(0.8f, 12, 0.7f, 20, Set.of(Llama2cTokenizer.EOS), 7L));
  }

  private static void assertAgreement(GenerationOptions options) {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    List<int[]> prompts =
        List.of(
            tok.encode("Tom had a red ball.", true, false),
            tok.encode("The cat sat on the mat and looked at the bird in the tree.", true, false),
            tok.encode("Lily", true, false));
    float temperature = options.temperature();
    try (LlamaModel model = Stories260K.model()) {
      List<GeneratedSequence> out = Generator.generate(model, prompts, options);
      List<int[]> completions = new ArrayList<>();
      out.forEach(s -> completions.add(s.tokens()));
      NDManager manager = model.parameters().get("norm").getManager();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        TokenBatch batch = TokenBatch.of(manager, prompts, completions);
        float[] teacher =
            TeacherForcing.completionLogprobs(model, batch, temperature, false)
                .logprobs()
                .toFloatArray();
        int width = batch.completionWidth();
        for (int b = 0; b < prompts.size(); b++) {
          float[] sampled = out.get(b).logprobs();
          assertThat(sampled.length).isPositive();
          for (int i = 0; i < sampled.length; i++) {
            assertThat(teacher[b * width + i])
                .as("row %d token %d", b, i)
                .isCloseTo(sampled[i], within(1e-4f));
          }
        }
      }
    }
  }

  @Test
  void paddingDoesNotChangeARowsLogprobs() {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    int[] shortPrompt = tok.encode("Sam ran.", true, false);
    int[] longPrompt =
        tok.encode("One day, a little dog found a big bone in the garden.", true, false);
    int[] completion = tok.encode("He was happy.", false, false);
    try (LlamaModel model = Stories260K.model()) {
      NDManager manager = model.parameters().get("norm").getManager();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        float[] alone =
            TeacherForcing.completionLogprobs(
                    model,
                    TokenBatch.of(manager, List.of(shortPrompt), List.of(completion)),
                    1f,
                    false)
                .logprobs()
                .toFloatArray();
        TokenBatch padded =
            TokenBatch.of(
                manager,
                List.of(longPrompt, shortPrompt),
                List.of(new int[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, completion));
        float[] inBatch =
            TeacherForcing.completionLogprobs(model, padded, 1f, false).logprobs().toFloatArray();
        for (int i = 0; i < completion.length; i++) {
          assertThat(inBatch[padded.completionWidth() + i]).isCloseTo(alone[i], within(1e-5f));
        }
      }
    }
  }
}
