package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.tempered.model.Logits;
import dev.tempered.model.Stories260K;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export to Hugging Face format and import back: same tensors, same logits (DESIGN.md section 3).
 */
class HfLlamaFormatTest {

  private static final int[] TOKENS = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 5, 77};

  @TempDir Path dir;

  @Test
  void stories260KExportedAndImportedGivesIdenticalLogits() throws IOException {
    LlamaWeights original = Stories260K.weights();
    HfLlamaFormat.write(original, dir);
    LlamaWeights back = HfLlamaFormat.read(dir);
    assertThat(back.config()).isEqualTo(original.config());
    assertSameTensors(back, original);
    assertSameLogits(original, back);
  }

  @Test
  void randomGqaModelWithUntiedClassifierRoundTrips() throws IOException {
    LlamaConfig config = new LlamaConfig(48, 100, 3, 6, 2, 97, 64, false, 50_000.0, 1e-6);
    LlamaWeights original = LlamaWeights.random(config, 21);
    HfLlamaFormat.write(original, dir);
    Map<String, SafeTensors.Tensor> hf = SafeTensors.read(dir.resolve(HfLlamaFormat.WEIGHTS));
    assertThat(hf).containsKey("lm_head.weight");
    assertThat(hf.get("model.layers.2.self_attn.k_proj.weight").shape()).containsExactly(16, 48);
    LlamaWeights back = HfLlamaFormat.read(dir);
    assertThat(back.config()).isEqualTo(config);
    assertSameTensors(back, original);
    assertSameLogits(original, back);
  }

  @Test
  void writesHuggingFaceNamesShapesAndConfigKeys() throws IOException {
    LlamaWeights stories = Stories260K.weights();
    HfLlamaFormat.write(stories, dir);
    Map<String, SafeTensors.Tensor> hf = SafeTensors.read(dir.resolve(HfLlamaFormat.WEIGHTS));
    // 1 embedding + 5 layers x 9 tensors + final norm; tied, so no lm_head.weight.
    assertThat(hf).hasSize(47).doesNotContainKey("lm_head.weight");
    assertThat(hf.get("model.embed_tokens.weight").shape()).containsExactly(512, 64);
    assertThat(hf.get("model.layers.0.self_attn.q_proj.weight").shape()).containsExactly(64, 64);
    assertThat(hf.get("model.layers.4.self_attn.k_proj.weight").shape()).containsExactly(32, 64);
    assertThat(hf.get("model.layers.4.self_attn.v_proj.weight").shape()).containsExactly(32, 64);
    assertThat(hf.get("model.layers.1.self_attn.o_proj.weight").shape()).containsExactly(64, 64);
    assertThat(hf.get("model.layers.1.mlp.gate_proj.weight").shape()).containsExactly(172, 64);
    assertThat(hf.get("model.layers.1.mlp.up_proj.weight").shape()).containsExactly(172, 64);
    assertThat(hf.get("model.layers.1.mlp.down_proj.weight").shape()).containsExactly(64, 172);
    assertThat(hf.get("model.layers.3.input_layernorm.weight").shape()).containsExactly(64);
    assertThat(hf.get("model.layers.3.post_attention_layernorm.weight").shape())
        .containsExactly(64);
    assertThat(hf.get("model.norm.weight").shape()).containsExactly(64);
    // v is not rotated, so it is stored unpermuted; q is permuted.
    assertThat(hf.get("model.layers.0.self_attn.v_proj.weight").values())
        .containsExactly(stories.tensors().get("layers.0.wv"));
    assertThat(hf.get("model.layers.0.self_attn.q_proj.weight").values())
        .isNotEqualTo(stories.tensors().get("layers.0.wq"));

    JsonNode config = JsonMapper.builder().build().readTree(dir.resolve("config.json").toFile());
    assertThat(config.path("architectures").get(0).asString()).isEqualTo("LlamaForCausalLM");
    assertThat(config.path("model_type").asString()).isEqualTo("llama");
    assertThat(config.path("hidden_act").asString()).isEqualTo("silu");
    assertThat(config.path("hidden_size").asInt()).isEqualTo(64);
    assertThat(config.path("intermediate_size").asInt()).isEqualTo(172);
    assertThat(config.path("num_hidden_layers").asInt()).isEqualTo(5);
    assertThat(config.path("num_attention_heads").asInt()).isEqualTo(8);
    assertThat(config.path("num_key_value_heads").asInt()).isEqualTo(4);
    assertThat(config.path("vocab_size").asInt()).isEqualTo(512);
    assertThat(config.path("max_position_embeddings").asInt()).isEqualTo(512);
    assertThat(config.path("rms_norm_eps").asDouble()).isEqualTo(1e-5);
    assertThat(config.path("rope_theta").asDouble()).isEqualTo(10_000.0);
    assertThat(config.path("tie_word_embeddings").asBoolean()).isTrue();
    assertThat(config.path("torch_dtype").asString()).isEqualTo("float32");
    assertThat(config.path("bos_token_id").asInt()).isEqualTo(1);
    assertThat(config.path("eos_token_id").asInt()).isEqualTo(2);
  }

  @Test
  void readingNamesTheMissingTensorAndTheMissingKey() throws IOException {
    LlamaConfig config = new LlamaConfig(16, 32, 1, 2, 2, 20, 8, true, 10_000.0, 1e-5);
    HfLlamaFormat.write(LlamaWeights.random(config, 1), dir);
    String json = Files.readString(dir.resolve("config.json"));
    Files.writeString(
        dir.resolve("config.json"),
        json.replace("\"tie_word_embeddings\" : true", "\"tie_word_embeddings\" : false"));
    assertThatThrownBy(() -> HfLlamaFormat.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no tensor lm_head.weight");
    Files.writeString(dir.resolve("config.json"), json.replace("\"hidden_size\"", "\"hidden\""));
    assertThatThrownBy(() -> HfLlamaFormat.read(dir))
        .hasMessageContaining("'hidden_size' is missing or not an integer");
  }

  private static void assertSameTensors(LlamaWeights actual, LlamaWeights expected) {
    assertThat(actual.tensors().keySet()).containsExactlyElementsOf(expected.tensors().keySet());
    expected
        .tensors()
        .forEach(
            (name, values) ->
                assertThat(actual.tensors().get(name)).as(name).containsExactly(values));
  }

  private static void assertSameLogits(LlamaWeights a, LlamaWeights b) {
    int[] tokens = new int[TOKENS.length];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = TOKENS[i] % a.config().vocabSize();
    }
    try (LlamaModel first = LlamaModel.create(a, Device.cpu());
        LlamaModel second = LlamaModel.create(b, Device.cpu())) {
      assertThat(Logits.maxAbsDiff(Logits.of(first, tokens), Logits.of(second, tokens)))
          .isLessThan(1e-5);
    }
  }
}
