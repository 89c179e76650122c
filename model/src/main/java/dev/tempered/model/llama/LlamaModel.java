package dev.tempered.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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

  /** [seqLen, 2 · headSize]: the cosines of a position, then its sines. */
  private final NDArray rope;

  private final NDArray pairSwapT;
  private final NDArray attentionScale;
  private final NDArray normEps;
  private final NDArray one;
  private final NDArray maskScale;

  private LlamaModel(LlamaConfig config, NDManager manager, Map<String, NDArray> parameters) {
    this.config = config;
    this.manager = manager;
    this.parameters = parameters;
    // Angles per position, each repeated for both members of its adjacent pair (2i, 2i+1).
    int hs = config.headSize();
    float[] angles = new float[config.seqLen() * 2 * hs];
    for (int pos = 0; pos < config.seqLen(); pos++) {
      for (int i = 0; i < hs / 2; i++) {
        double freq = 1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / hs);
        for (int member = 0; member < 2; member++) {
          angles[pos * 2 * hs + 2 * i + member] = (float) Math.cos(pos * freq);
          angles[pos * 2 * hs + hs + 2 * i + member] = (float) Math.sin(pos * freq);
        }
      }
    }
    this.rope = manager.create(angles, new Shape(config.seqLen(), 2L * hs));
    // x · pairSwap maps each pair (a, b) to (-b, a), the rotation's sine term; its transpose
    // applied to a weight's rows gives a weight whose outputs are already swapped (FusedWeights).
    float[] swapT = new float[hs * hs];
    for (int i = 0; i < hs / 2; i++) {
      swapT[(2 * i) * hs + 2 * i + 1] = -1f;
      swapT[(2 * i + 1) * hs + 2 * i] = 1f;
    }
    this.pairSwapT = manager.create(swapT, new Shape(hs, hs));
    this.attentionScale = Scalars.owned(manager, 1.0 / Math.sqrt(hs));
    this.normEps = Scalars.owned(manager, config.normEps());
    this.one = Scalars.owned(manager, 1.0);
    this.maskScale = Scalars.owned(manager, -MASKED);
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
   * The stacked projections of the current parameters, to pass to every step of a generation loop
   * instead of stacking them in each forward pass. Close it when done; it does not follow later
   * parameter updates.
   */
  public FusedWeights fuse() {
    return FusedWeights.snapshot(config, parameters, pairSwapT);
  }

  /**
   * Logits for {@code tokens} [B, T] at rotary {@code positions} [B, T] (int64), attending to the
   * cached keys plus these. {@code keyValid} [B, S] (S = cached + T) is 1 for real tokens and 0 for
   * padding; causality is added here. {@code cache} may be null for a single full pass (training).
   * Arrays created belong to the caller's scope.
   */
  public NDArray forward(NDArray tokens, NDArray positions, NDArray keyValid, KvCache cache) {
    return forwardEmbeddings(
        gatherRows(parameters.get("tok_embeddings"), tokens),
        positions,
        keyValid,
        cache,
        null,
        false);
  }

  /**
   * The logits of the last position only, [B, vocab], as a generation step needs them, with
   * projections from {@link #fuse}: the classifier runs on one position instead of all T.
   */
  public NDArray lastLogits(
      NDArray tokens, NDArray positions, NDArray keyValid, KvCache cache, FusedWeights fused) {
    return forwardEmbeddings(
        gatherRows(parameters.get("tok_embeddings"), tokens),
        positions,
        keyValid,
        cache,
        fused,
        true);
  }

  /**
   * {@link #forward} from input embeddings {@code x} [B, T, dim] instead of token ids, so that a
   * gradient can be taken with respect to the input (gradient-guided adversarial attacks).
   */
  public NDArray forwardEmbeddings(
      NDArray embeddings, NDArray positions, NDArray keyValid, KvCache cache) {
    return forwardEmbeddings(embeddings, positions, keyValid, cache, null, false);
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
    FusedWeights weights = FusedWeights.inScope(config, parameters, pairSwapT);
    NDArray normed =
        rmsNorm(
            residual(
                gatherRows(parameters.get("tok_embeddings"), tokens),
                positions,
                keyValid,
                cache,
                weights));
    // The logits take forward's own path (the norm weight folded into the classifier), so they are
    // bit-identical to forward's; the hidden states apply the norm weight explicitly.
    return new HiddenAndLogits(
        normed.mul(parameters.get("norm")), linear(normed, weights.classifier()));
  }

  /**
   * The final hidden states [B, T, dim] (after the last RMSNorm, before the classifier) of {@code
   * tokens}, laid out as in {@link #forward} without a cache: what a scalar head reads (HF's {@code
   * LlamaModel} output under a {@code LlamaForSequenceClassification} score).
   */
  public NDArray hiddenStates(NDArray tokens, NDArray positions, NDArray keyValid) {
    return trunk(gatherRows(parameters.get("tok_embeddings"), tokens), positions, keyValid, null);
  }

  private NDArray forwardEmbeddings(
      NDArray embeddings,
      NDArray positions,
      NDArray keyValid,
      KvCache cache,
      FusedWeights fused,
      boolean lastOnly) {
    FusedWeights weights =
        fused != null ? fused : FusedWeights.inScope(config, parameters, pairSwapT);
    NDArray x = residual(embeddings, positions, keyValid, cache, weights);
    if (lastOnly) {
      x = x.get(new NDIndex(":, -1, :"));
    }
    // The final norm's weight is folded into the classifier.
    return linear(rmsNorm(x), weights.classifier());
  }

  /**
   * The final hidden states with the last RMSNorm's weight applied, as HF's {@code LlamaModel}
   * returns them (the fused classifier folds that weight in instead).
   */
  private NDArray trunk(NDArray embeddings, NDArray positions, NDArray keyValid, KvCache cache) {
    FusedWeights weights = FusedWeights.inScope(config, parameters, pairSwapT);
    return rmsNorm(residual(embeddings, positions, keyValid, cache, weights))
        .mul(parameters.get("norm"));
  }

  /** The residual stream after the last layer, before the final RMSNorm. */
  private NDArray residual(
      NDArray embeddings,
      NDArray positions,
      NDArray keyValid,
      KvCache cache,
      FusedWeights weights) {
    long past = cache == null ? 0 : cache.length();
    long t = embeddings.getShape().get(1);
    NDArray bias = attentionBias(keyValid, past, t);
    // [B, T, 1, 2 hs] split into cosines and sines, broadcast over the heads.
    NDList angles =
        gatherRows(rope, positions).expandDims(2).split(new long[] {config.headSize()}, 3);
    NDArray x = embeddings;
    for (int layer = 0; layer < config.layers(); layer++) {
      // The norm weights are folded into the fused projections that follow each norm.
      NDArray normed = rmsNorm(x);
      x = x.add(attention(layer, weights, normed, angles.get(0), angles.get(1), bias, cache));
      x = x.add(feedForward(layer, weights, rmsNorm(x)));
    }
    return x;
  }

  private NDArray attention(
      int layer,
      FusedWeights weights,
      NDArray x,
      NDArray cos,
      NDArray sin,
      NDArray bias,
      KvCache cache) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int hs = config.headSize();
    int kvHeads = config.kvHeads();
    int rotated = config.heads() + kvHeads;
    // One matmul yields [q k | swap(q k) | v]; the rotation is then q·cos + swap(q)·sin.
    NDList parts =
        linear(x, weights.attention(layer)).split(new long[] {rotated * hs, 2L * rotated * hs}, 2);
    NDList qk =
        parts
            .get(0)
            .reshape(b, t, rotated, hs)
            .mul(cos)
            .add(parts.get(1).reshape(b, t, rotated, hs).mul(sin))
            .split(new long[] {config.heads()}, 2);
    NDArray q = qk.get(0);
    NDArray k = qk.get(1);
    NDArray v = parts.get(2).reshape(b, t, kvHeads, hs);
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

  private NDArray feedForward(int layer, FusedWeights weights, NDArray x) {
    NDList gateUp = linear(x, weights.gateUp(layer)).split(new long[] {config.hiddenDim()}, 2);
    NDArray gate = gateUp.get(0);
    NDArray silu = gate.mul(gate.getNDArrayInternal().sigmoid());
    return linear(silu.mul(gateUp.get(1)), param(layer, "w2"));
  }

  /** x / sqrt(mean(x²) + eps), without the weight (see {@link FusedWeights}). */
  private NDArray rmsNorm(NDArray x) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.div(meanSquare.add(normEps).sqrt());
  }

  /** [B, 1, T, S] additive mask: padding keys and future keys get {@link #MASKED}. */
  private NDArray attentionBias(NDArray keyValid, long past, long t) {
    long s = past + t;
    if (t == 1) {
      // One new token comes after every cached one: only padding is masked, (valid - 1) · 1e9.
      return keyValid.sub(one).mul(maskScale).reshape(keyValid.getShape().get(0), 1, 1, s);
    }
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
