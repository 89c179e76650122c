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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkpoints written by transformers 5.18's {@code save_pretrained} (fixtures made by {@code
 * hf-tiny-llama/make_fixture.py}: GQA, untied classifier, rope_theta 5e5 in {@code
 * rope_parameters}, float32 in one file and in shards, and bfloat16) read here give the logits
 * transformers computed; written here in shards, they are cut where transformers cut them.
 */
class HfCheckpointFixtureTest {

  @TempDir Path out;

  @Test
  void shardsAreCutWhereTransformersCutsThem() throws IOException, URISyntaxException {
    LlamaWeights weights = HfLlamaFormat.read(fixture("f32"));
    HfLlamaFormat.write(weights, out, 1, 2, ShardSize.parse("8KB"));
    JsonMapper json = JsonMapper.builder().build();
    JsonNode ours = json.readTree(out.resolve(ShardedSafeTensors.INDEX).toFile());
    JsonNode theirs =
        json.readTree(fixture("f32-sharded").resolve(ShardedSafeTensors.INDEX).toFile());
    assertThat(ours).isEqualTo(theirs);
  }

  private Path fixture(String variant) throws URISyntaxException {
    return Path.of(getClass().getResource("/hf-tiny-llama/" + variant).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"f32", "f32-sharded", "bf16"})
  void logitsMatchTransformers(String variant) throws IOException, URISyntaxException {
    Path dir = fixture(variant);
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
