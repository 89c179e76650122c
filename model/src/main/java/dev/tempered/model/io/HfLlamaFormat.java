package dev.tempered.model.io;

import dev.tempered.model.io.SafeTensors.Tensor;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Hugging Face Llama checkpoints, a directory with {@code config.json} and {@code
 * model.safetensors} as {@code LlamaForCausalLM.save_pretrained} lays it out: HF tensor names,
 * fp32, {@code lm_head.weight} only when the classifier is untied, and query/key rows permuted to
 * the rotate-half rotary layout (see {@link RotaryPermutation}).
 */
public final class HfLlamaFormat {

  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = ShardedSafeTensors.SINGLE;
  public static final String GENERATION_CONFIG = "generation_config.json";

  /** llama2.c (and SentencePiece Llama) ids of BOS and EOS, written when none are given. */
  private static final int DEFAULT_BOS = 1;

  private static final int DEFAULT_EOS = 2;

  private HfLlamaFormat() {}

  /** Writes {@code weights} into {@code dir} with BOS 1 and EOS 2. */
  public static void write(LlamaWeights weights, Path dir) throws IOException {
    write(weights, dir, DEFAULT_BOS, DEFAULT_EOS);
  }

  public static void write(LlamaWeights weights, Path dir, int bosId, int eosId)
      throws IOException {
    write(weights, dir, bosId, eosId, Long.MAX_VALUE);
  }

  /**
   * The tensors of {@code weights} by Hugging Face name, in transformers' save order, q/k rows
   * rotate-half.
   */
  public static Map<String, Tensor> hfTensors(LlamaWeights weights) throws IOException {
    LlamaConfig c = weights.config();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = LlamaWeights.names(c);
    for (String name : saveOrder(c)) {
      float[] values = weights.tensors().get(name);
      if (values == null || values.length != SafeTensors.count(shapes.get(name))) {
        throw new IOException("tensor " + name + " is missing or has the wrong size");
      }
      tensors.put(hfName(name), new Tensor(shapes.get(name), toHf(c, name, values)));
    }
    return tensors;
  }

  /**
   * Writes {@code weights} into {@code dir}, in shards of at most {@code maxShardBytes} (with
   * {@code model.safetensors.index.json}) when they do not fit in one file, plus {@code
   * generation_config.json}.
   */
  public static void write(LlamaWeights weights, Path dir, int bosId, int eosId, long maxShardBytes)
      throws IOException {
    LlamaConfig c = weights.config();
    ShardedSafeTensors.write(hfTensors(weights), dir, maxShardBytes);
    Files.writeString(dir.resolve(CONFIG), HfLlamaConfig.toJson(c, bosId, eosId));
    Files.writeString(dir.resolve(GENERATION_CONFIG), HfLlamaConfig.generationJson(bosId, eosId));
  }

  /**
   * Reads a checkpoint directory, one {@code model.safetensors} or shards named by {@code
   * model.safetensors.index.json}; fails naming the tensor that is missing or misshapen.
   */
  public static LlamaWeights read(Path dir) throws IOException {
    LlamaConfig c = HfLlamaConfig.read(dir.resolve(CONFIG));
    boolean sharded = ShardedSafeTensors.isSharded(dir);
    Path file = dir.resolve(sharded ? ShardedSafeTensors.INDEX : WEIGHTS);
    Map<String, Tensor> hf = sharded ? ShardedSafeTensors.read(dir) : SafeTensors.read(file);
    return fromHfTensors(c, hf, file);
  }

  /** The weights of config {@code c} from Hugging Face tensors read from {@code file}. */
  public static LlamaWeights fromHfTensors(LlamaConfig c, Map<String, Tensor> hf, Path file)
      throws IOException {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : LlamaWeights.names(c).entrySet()) {
      String name = hfName(e.getKey());
      Tensor t = hf.get(name);
      if (t == null) {
        throw new IOException(file + " has no tensor " + name + " (needed by " + CONFIG + ")");
      }
      if (!Arrays.equals(t.shape(), e.getValue())) {
        throw new IOException(
            file
                + ": tensor "
                + name
                + " has shape "
                + Arrays.toString(t.shape())
                + " but "
                + CONFIG
                + " needs "
                + Arrays.toString(e.getValue()));
      }
      tensors.put(e.getKey(), fromHf(c, e.getKey(), t.values()));
    }
    return new LlamaWeights(c, tensors);
  }

  /**
   * The llama2.c names in the order transformers 5 saves them: by HF name, split at dots, numbers
   * numerically and before words ({@code dot_natural_key}), so shards are cut where save_pretrained
   * cuts them.
   */
  static List<String> saveOrder(LlamaConfig c) {
    List<String> names = new ArrayList<>(LlamaWeights.names(c).keySet());
    names.sort((a, b) -> naturalCompare(hfName(a), hfName(b)));
    return names;
  }

  private static int naturalCompare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xNumber = x[i].matches("\\d+");
      boolean yNumber = y[i].matches("\\d+");
      int order =
          xNumber && yNumber
              ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
              : xNumber != yNumber ? (xNumber ? -1 : 1) : x[i].compareTo(y[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /**
   * The Hugging Face name of a llama2.c tensor name, e.g. layers.3.wq →
   * model.layers.3.self_attn.q_proj.weight.
   */
  static String hfName(String name) {
    switch (name) {
      case "tok_embeddings":
        return "model.embed_tokens.weight";
      case "norm":
        return "model.norm.weight";
      case "output":
        return "lm_head.weight";
      default:
        break;
    }
    String[] parts = name.split("\\.");
    String module =
        switch (parts[2]) {
          case "attention_norm" -> "input_layernorm";
          case "ffn_norm" -> "post_attention_layernorm";
          case "wq" -> "self_attn.q_proj";
          case "wk" -> "self_attn.k_proj";
          case "wv" -> "self_attn.v_proj";
          case "wo" -> "self_attn.o_proj";
          case "w1" -> "mlp.gate_proj";
          case "w2" -> "mlp.down_proj";
          case "w3" -> "mlp.up_proj";
          default -> throw new IllegalArgumentException("unknown Llama tensor " + name);
        };
    return "model.layers." + parts[1] + "." + module + ".weight";
  }

  private static float[] toHf(LlamaConfig c, String name, float[] values) {
    int heads = rotaryHeads(c, name);
    return heads == 0
        ? values
        : RotaryPermutation.toRotateHalf(values, heads, c.headSize(), c.dim());
  }

  private static float[] fromHf(LlamaConfig c, String name, float[] values) {
    int heads = rotaryHeads(c, name);
    return heads == 0
        ? values
        : RotaryPermutation.toInterleaved(values, heads, c.headSize(), c.dim());
  }

  /** Heads of a query or key projection (whose rows RoPE rotates), 0 for any other tensor. */
  private static int rotaryHeads(LlamaConfig c, String name) {
    if (name.endsWith(".wq")) {
      return c.heads();
    }
    return name.endsWith(".wk") ? c.kvHeads() : 0;
  }
}
