package dev.tempered.model.reward;

import dev.tempered.model.io.HfLlamaConfig;
import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.SafeTensors;
import dev.tempered.model.io.SafeTensors.Tensor;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reward model directory as {@code LlamaForSequenceClassification.save_pretrained} lays it out
 * with {@code num_labels=1}: {@code config.json} (architectures, {@code id2label}, {@code
 * pad_token_id} 0, the id llama2.c tokenizers pad with) and {@code model.safetensors} (the trunk
 * under {@code model.*} and {@code score.weight} [1, dim]); plus the llama2.c tokenizer as {@code
 * tokenizer.bin} and the token layout ({@code tempered_max_prompt_tokens}, {@code
 * tempered_max_completion_tokens}) so the directory alone scores texts.
 */
public final class HfRewardModelFormat {

  public static final String ARCHITECTURE = "LlamaForSequenceClassification";
  public static final String TOKENIZER = "tokenizer.bin";
  public static final String SCORE_WEIGHT = "score.weight";
  static final String MAX_PROMPT = "tempered_max_prompt_tokens";
  static final String MAX_COMPLETION = "tempered_max_completion_tokens";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private HfRewardModelFormat() {}

  /** What a reward model directory holds. */
  public record Stored(RewardModelWeights weights, RewardSequences sequences, Path tokenizer) {}

  /**
   * Writes the model, its token layout and a copy of the llama2.c tokenizer file into {@code dir}.
   */
  public static void write(
      RewardModelWeights weights, RewardSequences sequences, Path tokenizer, Path dir)
      throws IOException {
    LlamaConfig c = weights.trunk().config();
    Map<String, Tensor> tensors = new LinkedHashMap<>(HfLlamaFormat.hfTensors(weights.trunk()));
    tensors.put(SCORE_WEIGHT, new Tensor(new long[] {1, c.dim()}, weights.score()));
    ObjectNode config =
        (ObjectNode)
            JSON.readTree(HfLlamaConfig.toJson(c, Llama2cTokenizer.BOS, Llama2cTokenizer.EOS));
    config.putArray("architectures").add(ARCHITECTURE);
    config.putObject("id2label").put("0", "LABEL_0");
    config.putObject("label2id").put("LABEL_0", 0);
    config.put("pad_token_id", 0);
    config.put(MAX_PROMPT, sequences.maxPromptTokens());
    config.put(MAX_COMPLETION, sequences.maxCompletionTokens());
    Files.createDirectories(dir);
    SafeTensors.write(tensors, dir.resolve(HfLlamaFormat.WEIGHTS));
    Files.writeString(dir.resolve(HfLlamaFormat.CONFIG), JSON.writeValueAsString(config));
    Files.copy(tokenizer, dir.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads a reward model directory; fails naming the file and what is missing in it. */
  public static Stored read(Path dir) throws IOException {
    Path configFile = dir.resolve(HfLlamaFormat.CONFIG);
    if (!Files.isRegularFile(configFile)) {
      throw new IOException("no reward model at " + dir + ": " + configFile + " is missing");
    }
    JsonNode config = JSON.readTree(Files.readString(configFile));
    boolean classifier = false;
    for (JsonNode a : config.path("architectures")) {
      classifier |= ARCHITECTURE.equals(a.asString(""));
    }
    if (!classifier || config.path("id2label").size() != 1) {
      throw new IOException(
          configFile + " is not a one-label " + ARCHITECTURE + " (a Bradley–Terry reward model)");
    }
    LlamaConfig c = HfLlamaConfig.read(configFile);
    Path file = dir.resolve(HfLlamaFormat.WEIGHTS);
    Map<String, Tensor> tensors = SafeTensors.read(file);
    LlamaWeights trunk = HfLlamaFormat.fromHfTensors(c, tensors, file);
    Tensor score = tensors.get(SCORE_WEIGHT);
    if (score == null || !Arrays.equals(score.shape(), new long[] {1, c.dim()})) {
      throw new IOException(
          file + " needs a tensor " + SCORE_WEIGHT + " of shape [1, " + c.dim() + "]");
    }
    RewardSequences sequences =
        new RewardSequences(
            integer(configFile, config, MAX_PROMPT), integer(configFile, config, MAX_COMPLETION));
    Path tokenizer = dir.resolve(TOKENIZER);
    if (!Files.isRegularFile(tokenizer)) {
      throw new IOException("reward model " + dir + " has no " + TOKENIZER);
    }
    return new Stored(new RewardModelWeights(trunk, score.values()), sequences, tokenizer);
  }

  private static int integer(Path file, JsonNode config, String key) throws IOException {
    if (!config.path(key).canConvertToInt()) {
      throw new IOException(file + ": '" + key + "' is missing or not an integer");
    }
    return config.path(key).asInt();
  }
}
