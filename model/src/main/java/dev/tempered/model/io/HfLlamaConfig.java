package dev.tempered.model.io;

import dev.tempered.model.llama.LlamaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Hugging Face {@code config.json} for {@code LlamaForCausalLM} to and from {@link LlamaConfig},
 * with the keys and defaults of transformers' {@code LlamaConfig}. Reads both the 4.x RoPE keys
 * ({@code rope_theta}, {@code rope_scaling}) and 5.x's {@code rope_parameters}; writes the 4.x
 * keys, which transformers 5 also reads.
 */
public final class HfLlamaConfig {

  /** transformers' LlamaConfig default, used when {@code rms_norm_eps} is absent. */
  private static final double HF_DEFAULT_NORM_EPS = 1e-6;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private HfLlamaConfig() {}

  /** The config.json text for {@code c}, with the given special token ids. */
  public static String toJson(LlamaConfig c, int bosId, int eosId) {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("architectures").add("LlamaForCausalLM");
    n.put("model_type", "llama");
    n.put("hidden_size", c.dim());
    n.put("intermediate_size", c.hiddenDim());
    n.put("num_hidden_layers", c.layers());
    n.put("num_attention_heads", c.heads());
    n.put("num_key_value_heads", c.kvHeads());
    n.put("head_dim", c.headSize());
    n.put("vocab_size", c.vocabSize());
    n.put("max_position_embeddings", c.seqLen());
    n.put("rms_norm_eps", c.normEps());
    n.put("rope_theta", c.ropeTheta());
    n.putNull("rope_scaling");
    n.put("hidden_act", "silu");
    n.put("attention_bias", false);
    n.put("attention_dropout", 0.0);
    n.put("mlp_bias", false);
    n.put("initializer_range", 0.02);
    n.put("pretraining_tp", 1);
    n.put("use_cache", true);
    n.put("tie_word_embeddings", c.sharedClassifier());
    // transformers 4.x names the weights' dtype torch_dtype, 4.56 and later dtype; both read both.
    n.put("torch_dtype", "float32");
    n.put("dtype", "float32");
    n.put("bos_token_id", bosId);
    n.put("eos_token_id", eosId);
    n.putNull("pad_token_id");
    return JSON.writeValueAsString(n);
  }

  /**
   * The generation_config.json text: the special ids, and as stop ids EOS and also BOS, since a
   * llama2.c model ends a story by sampling BOS (llama2.c's run.c stops there too).
   */
  public static String generationJson(int bosId, int eosId) {
    ObjectNode n = JSON.createObjectNode();
    n.put("_from_model_config", true);
    n.put("bos_token_id", bosId);
    if (bosId == eosId) {
      n.put("eos_token_id", eosId);
    } else {
      n.putArray("eos_token_id").add(eosId).add(bosId);
    }
    return JSON.writeValueAsString(n);
  }

  /** Reads config.json; fails naming the key that is missing or unsupported. */
  public static LlamaConfig read(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    require(file, n.path("model_type").asString("llama").equals("llama"), "model_type", n);
    require(file, n.path("hidden_act").asString("silu").equals("silu"), "hidden_act", n);
    // transformers 5 writes RoPE settings as rope_parameters, 4.x as rope_theta and rope_scaling.
    String ropeKey = n.has("rope_parameters") ? "rope_parameters" : "rope_scaling";
    JsonNode rope = n.path(ropeKey);
    String ropeType = rope.path("rope_type").asString(rope.path("type").asString("default"));
    require(file, rope.isNull() || rope.isMissingNode() || ropeType.equals("default"), ropeKey, n);
    double ropeTheta =
        rope.path("rope_theta")
            .asDouble(n.path("rope_theta").asDouble(LlamaConfig.DEFAULT_ROPE_THETA));
    require(file, !n.path("attention_bias").asBoolean(false), "attention_bias", n);
    require(file, !n.path("mlp_bias").asBoolean(false), "mlp_bias", n);
    int dim = integer(file, n, "hidden_size");
    int heads = integer(file, n, "num_attention_heads");
    int kvHeads = n.has("num_key_value_heads") ? integer(file, n, "num_key_value_heads") : heads;
    require(file, !n.has("head_dim") || n.path("head_dim").asInt() * heads == dim, "head_dim", n);
    try {
      return new LlamaConfig(
          dim,
          integer(file, n, "intermediate_size"),
          integer(file, n, "num_hidden_layers"),
          heads,
          kvHeads,
          integer(file, n, "vocab_size"),
          integer(file, n, "max_position_embeddings"),
          n.path("tie_word_embeddings").asBoolean(false),
          ropeTheta,
          n.path("rms_norm_eps").asDouble(HF_DEFAULT_NORM_EPS));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static int integer(Path file, JsonNode n, String key) throws IOException {
    if (!n.path(key).canConvertToInt()) {
      throw new IOException(file + ": '" + key + "' is missing or not an integer");
    }
    return n.path(key).asInt();
  }

  private static void require(Path file, boolean ok, String key, JsonNode n) throws IOException {
    if (!ok) {
      throw new IOException(
          file + ": unsupported '" + key + "' = " + n.path(key) + " (a plain Llama is needed)");
    }
  }
}
