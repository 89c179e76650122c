package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.tempered.model.Logits;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by transformers 5.18's {@code save_pretrained} (fixtures made by {@code
 * hf-tiny-llama/make_fixture.py}: GQA, untied classifier, rope_theta 5e5 in {@code
 * rope_parameters}, float32 and bfloat16) read here give the logits transformers computed.
 */
class HfCheckpointFixtureTest {

  @ParameterizedTest
  @ValueSource(strings = {"f32", "bf16"})
  void logitsMatchTransformers(String variant) throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/hf-tiny-llama/" + variant).toURI());
    LlamaWeights weights = HfLlamaFormat.read(dir);
    assertThat(weights.config())
        .isEqualTo(new LlamaConfig(16, 40, 2, 4, 2, 32, 32, false, 500_000.0, 1e-6));
    List<String> lines = Files.readAllLines(dir.resolve("expected_logits.txt"));
    int[] tokens =
        Arrays.stream(lines.get(1).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    float[] expected = new float[lines.size() - 2];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = Float.parseFloat(lines.get(i + 2));
    }
    try (LlamaModel model = LlamaModel.create(weights, Device.cpu())) {
      float[] actual = Logits.of(model, tokens);
      assertThat(actual).hasSize(tokens.length * 32);
      assertThat(Logits.maxAbsDiff(actual, expected)).isLessThan(1e-5);
    }
  }
}
