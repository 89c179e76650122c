package dev.tempered.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Llama forward pass on DJL: RMSNorm, rotary embeddings on adjacent pairs (llama2.c layout),
 * grouped-query causal attention with a KV cache, SwiGLU, tied or untied classifier. Parameters are
 * NDArrays owned by this model so a trainer can take their gradients and update them in place.
 */
public final class LlamaModel implements AutoCloseable {

  /** Added to attention scores of masked keys; finite so fully masked pad rows stay NaN-free. */
  private static final float MASKED = -1e9f;

  private final LlamaConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;
  private final NDArray ropeCos;
  private final NDArray ropeSin;
  private final NDArray pairSwap;
  private final NDArray attentionScale;

  private LlamaModel(LlamaConfig config, NDManager manager, Map<String, NDArray> parameters) {
    this.config = config;
    this.manager = manager;
    this.parameters = parameters;
    // Angles per position, each repeated for both members of its adjacent pair (2i, 2i+1).
    int hs = config.headSize();
    float[] cos = new float[config.seqLen() * hs];
    float[] sin = new float[config.seqLen() * hs];
    for (int pos = 0; pos < config.seqLen(); pos++) {
      for (int i = 0; i < hs / 2; i++) {
        double freq = 1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / hs);
        for (int member = 0; member < 2; member++) {
          cos[pos * hs + 2 * i + member] = (float) Math.cos(pos * freq);
          sin[pos * hs + 2 * i + member] = (float) Math.sin(pos * freq);
        }
      }
    }
    this.ropeCos = manager.create(cos, new Shape(config.seqLen(), hs));
    this.ropeSin = manager.create(sin, new Shape(config.seqLen(), hs));
    // x · pairSwap maps each pair (a, b) to (-b, a): the rotation's sine term without slicing.
    float[] swap = new float[hs * hs];
    for (int i = 0; i < hs / 2; i++) {
      swap[(2 * i + 1) * hs + 2 * i] = -1f;
      swap[(2 * i) * hs + 2 * i + 1] = 1f;
    }
    this.pairSwap = manager.create(swap, new Shape(hs, hs));
    this.attentionScale = Scalars.owned(manager, 1.0 / Math.sqrt(hs));
  }

  /** Copies host weights onto {@code device}. */
  public static LlamaModel create(LlamaWeights weights, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    Map<String, NDArray> params = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : LlamaWeights.names(weights.config()).entrySet()) {
      float[] values = weights.tensors().get(e.getKey());
      NDArray p = manager.create(values, new Shape(e.getValue()));
      p.setName(e.getKey());
      params.put(e.getKey(), p);
    }
    return new LlamaModel(weights.config(), manager, params);
  }

  public LlamaConfig config() {
    return config;
  }

  public Device device() {
    return manager.getDevice();
  }

  /** The trainable parameters by llama2.c name, in file order. */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Copies the current parameters back to the host, e.g. to write a checkpoint. */
  public LlamaWeights toWeights() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    parameters.forEach((name, p) -> tensors.put(name, p.toFloatArray()));
    return new LlamaWeights(config, tensors);
  }

  /** Overwrites every parameter with host weights of the same config (e.g. a newer checkpoint). */
  public void load(LlamaWeights weights) {
    if (!weights.config().equals(config)) {
      throw new IllegalArgumentException(
          "checkpoint config " + weights.config() + " differs from the model's " + config);
    }
    parameters.forEach(
        (name, p) -> {
          float[] values = weights.tensors().get(name);
          if (values == null || values.length != p.size()) {
            throw new IllegalArgumentException(
                "checkpoint tensor "
                    + name
                    + " is missing or has "
                    + (values == null ? 0 : values.length)
                    + " values instead of "
                    + p.size());
          }
          p.set(values);
        });
  }

  /**
   * Logits for {@code tokens} [B, T] at rotary {@code positions} [B, T] (int64), attending to the
   * cached keys plus these. {@code keyValid} [B, S] (S = cached + T) is 1 for real tokens and 0 for
   * padding; causality is added here. {@code cache} may be null for a single full pass (training).
   * Arrays created belong to the caller's scope.
   */
  public NDArray forward(NDArray tokens, NDArray positions, NDArray keyValid, KvCache cache) {
    return forwardEmbeddings(
        gatherRows(parameters.get("tok_embeddings"), tokens), positions, keyValid, cache);
  }

  /**
   * {@link #forward} from input embeddings {@code x} [B, T, dim] instead of token ids, so that a
   * gradient can be taken with respect to the input (gradient-guided adversarial attacks).
   */
  public NDArray forwardEmbeddings(
      NDArray embeddings, NDArray positions, NDArray keyValid, KvCache cache) {
    return classify(trunk(embeddings, positions, keyValid, cache));
  }

  /**
   * The final hidden states (after the last RMSNorm, before the classifier) and the logits.
   *
   * @param hidden [B, T, dim], what a value head or reward head reads
   * @param logits [B, T, vocab], the same as {@link #forward} returns
   */
  public record HiddenAndLogits(NDArray hidden, NDArray logits) {}

  /** {@link #forward} that also returns the final hidden states the logits are computed from. */
  public HiddenAndLogits forwardWithHidden(
      NDArray tokens, NDArray positions, NDArray keyValid, KvCache cache) {
    NDArray hidden =
        trunk(gatherRows(parameters.get("tok_embeddings"), tokens), positions, keyValid, cache);
    return new HiddenAndLogits(hidden, classify(hidden));
  }

  /**
   * The final hidden states [B, T, dim] (after the last RMSNorm, before the classifier) of {@code
   * tokens}, laid out as in {@link #forward} without a cache: what a scalar head reads (HF's {@code
   * LlamaModel} output under a {@code LlamaForSequenceClassification} score).
   */
  public NDArray hiddenStates(NDArray tokens, NDArray positions, NDArray keyValid) {
    return trunk(gatherRows(parameters.get("tok_embeddings"), tokens), positions, keyValid, null);
  }

  private NDArray trunk(NDArray embeddings, NDArray positions, NDArray keyValid, KvCache cache) {
    long past = cache == null ? 0 : cache.length();
    long t = embeddings.getShape().get(1);
    NDArray bias = attentionBias(keyValid, past, t);
    NDArray cos = gatherRows(ropeCos, positions).expandDims(2);
    NDArray sin = gatherRows(ropeSin, positions).expandDims(2);
    NDArray x = embeddings;
    for (int layer = 0; layer < config.layers(); layer++) {
      x =
          x.add(
              attention(layer, rmsNorm(x, param(layer, "attention_norm")), cos, sin, bias, cache));
      x = x.add(feedForward(layer, rmsNorm(x, param(layer, "ffn_norm"))));
    }
    return rmsNorm(x, parameters.get("norm"));
  }

  private NDArray classify(NDArray hidden) {
    NDArray classifier =
        config.sharedClassifier() ? parameters.get("tok_embeddings") : parameters.get("output");
    return linear(hidden, classifier);
  }

  private NDArray attention(
      int layer, NDArray x, NDArray cos, NDArray sin, NDArray bias, KvCache cache) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int hs = config.headSize();
    int kvHeads = config.kvHeads();
    NDArray q = rope(linear(x, param(layer, "wq")).reshape(b, t, config.heads(), hs), cos, sin);
    NDArray k = rope(linear(x, param(layer, "wk")).reshape(b, t, kvHeads, hs), cos, sin);
    NDArray v = linear(x, param(layer, "wv")).reshape(b, t, kvHeads, hs);
    NDArray[] kv =
        cache == null
            ? new NDArray[] {k.transpose(0, 2, 1, 3), v.transpose(0, 2, 1, 3)}
            : cache.append(layer, k.transpose(0, 2, 1, 3), v.transpose(0, 2, 1, 3));
    long s = kv[0].getShape().get(2);
    // Query head h reads kv head h / groupSize: the group's queries become extra rows of one
    // matmul per kv head, [B, kvH, group*T, hs] x [B, kvH, hs, S], so keys and values are never
    // repeated (copied) per query head.
    NDArray grouped = q.transpose(0, 2, 1, 3).reshape(b, kvHeads, config.groupSize() * t, hs);
    NDArray scores =
        grouped
            .matMul(kv[0].transpose(0, 1, 3, 2))
            .mul(attentionScale)
            .reshape(b, config.heads(), t, s)
            .add(bias);
    NDArray out =
        scores
            .softmax(-1)
            .reshape(b, kvHeads, config.groupSize() * t, s)
            .matMul(kv[1])
            .reshape(b, config.heads(), t, hs)
            .transpose(0, 2, 1, 3)
            .reshape(b, t, config.dim());
    return linear(out, param(layer, "wo"));
  }

  private NDArray feedForward(int layer, NDArray x) {
    NDArray gate = linear(x, param(layer, "w1"));
    NDArray silu = gate.mul(gate.getNDArrayInternal().sigmoid());
    return linear(silu.mul(linear(x, param(layer, "w3"))), param(layer, "w2"));
  }

  /**
   * Rotates adjacent pairs (2i, 2i+1) of each head by position-dependent angles: x·cos +
   * swap(x)·sin with swap(a, b) = (-b, a). Written without strided slices, whose backward on the
   * CPU produced sporadic NaN gradients, and with fewer operators per step.
   */
  private NDArray rope(NDArray x, NDArray cos, NDArray sin) {
    return x.mul(cos).add(x.matMul(pairSwap).mul(sin));
  }

  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.div(meanSquare.add(config.normEps()).sqrt()).mul(weight);
  }

  /** [B, 1, T, S] additive mask: padding keys and future keys get {@link #MASKED}. */
  private NDArray attentionBias(NDArray keyValid, long past, long t) {
    long s = past + t;
    NDManager m = keyValid.getManager();
    NDArray keyIndex = m.arange((int) s).reshape(1, s);
    NDArray queryIndex = m.arange((int) past, (int) s).reshape(t, 1);
    NDArray causal = keyIndex.lte(queryIndex);
    NDArray allowed =
        keyValid
            .toType(DataType.BOOLEAN, false)
            .reshape(keyValid.getShape().get(0), 1, 1, s)
            .logicalAnd(causal.reshape(1, 1, t, s));
    return allowed.logicalNot().toType(DataType.FLOAT32, false).mul(MASKED);
  }

  private NDArray linear(NDArray x, NDArray weight) {
    return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
  }

  private static NDArray gatherRows(NDArray table, NDArray indices) {
    return indices
        .getNDArrayInternal()
        .embedding(indices, table, SparseFormat.DENSE)
        .singletonOrThrow();
  }

  private NDArray param(int layer, String name) {
    return parameters.get(LlamaWeights.layer(layer, name));
  }

  @Override
  public void close() {
    manager.close();
  }
}
