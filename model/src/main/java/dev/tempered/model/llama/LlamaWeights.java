package dev.tempered.model.llama;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Host-side weights of a Llama model in llama2.c's layout ([out, in] matrices, one array per
 * layer). Named tensors in file order; the classifier is present only when untied.
 */
public record LlamaWeights(LlamaConfig config, Map<String, float[]> tensors) {

  /** Name of a per-layer tensor, e.g. {@code layers.3.wq}. */
  public static String layer(int layer, String name) {
    return "layers." + layer + "." + name;
  }

  /** The shape of a named tensor (without the layer index), as torch would hold it. */
  public static long[] shape(LlamaConfig c, String name) {
    int hs = c.headSize();
    return switch (name) {
      case "tok_embeddings", "output" -> new long[] {c.vocabSize(), c.dim()};
      case "attention_norm", "ffn_norm", "norm" -> new long[] {c.dim()};
      case "wq" -> new long[] {(long) c.heads() * hs, c.dim()};
      case "wk", "wv" -> new long[] {c.kvDim(), c.dim()};
      case "wo" -> new long[] {c.dim(), (long) c.heads() * hs};
      case "w1", "w3" -> new long[] {c.hiddenDim(), c.dim()};
      case "w2" -> new long[] {c.dim(), c.hiddenDim()};
      default -> throw new IllegalArgumentException("unknown Llama tensor " + name);
    };
  }

  /** All tensor names of a config in file order, per-layer ones expanded. */
  public static Map<String, long[]> names(LlamaConfig c) {
    Map<String, long[]> names = new LinkedHashMap<>();
    names.put("tok_embeddings", shape(c, "tok_embeddings"));
    for (String perLayer :
        new String[] {"attention_norm", "wq", "wk", "wv", "wo", "ffn_norm", "w1", "w2", "w3"}) {
      for (int l = 0; l < c.layers(); l++) {
        names.put(layer(l, perLayer), shape(c, perLayer));
      }
    }
    names.put("norm", shape(c, "norm"));
    if (!c.sharedClassifier()) {
      names.put("output", shape(c, "output"));
    }
    return names;
  }

  /**
   * Random weights for benchmarks and tests: N(0, 0.02) matrices and unit norms, the usual Llama
   * initialisation, reproducible from {@code seed}.
   */
  public static LlamaWeights random(LlamaConfig config, long seed) {
    Random random = new Random(seed);
    Map<String, float[]> tensors = new LinkedHashMap<>();
    names(config)
        .forEach(
            (name, shape) -> {
              long size = 1;
              for (long d : shape) {
                size *= d;
              }
              float[] values = new float[Math.toIntExact(size)];
              boolean norm = shape.length == 1;
              for (int i = 0; i < values.length; i++) {
                values[i] = norm ? 1f : (float) (random.nextGaussian() * 0.02);
              }
              tensors.put(name, values);
            });
    return new LlamaWeights(config, tensors);
  }
}
