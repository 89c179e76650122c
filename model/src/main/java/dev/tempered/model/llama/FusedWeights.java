package dev.tempered.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Map;

/**
 * Per-layer projection matrices stacked so that one matmul replaces several: {@code [wq; wk;
 * swap(wq); swap(wk); wv]} gives the queries and keys, their pair-swapped copies for the rotary
 * sine term, and the values at once, and {@code [w1; w3]} gives the SwiGLU gate and up projections.
 * The RMSNorm weight in front of each projection is folded into its columns, linear(x ⊙ g, W) =
 * linear(x, W ⊙ g), so the norm itself is one multiplication shorter. Swapping the rows of a weight
 * is the same as swapping the outputs it produces (row 2i becomes -row 2i+1, row 2i+1 becomes row
 * 2i), so the rotation needs no matmul of its own. Built from the model's parameters with
 * differentiable operators, so training can fuse inside each forward pass; generation fuses once
 * per call and reuses the result for every step.
 */
public final class FusedWeights implements AutoCloseable {

  private final NDArray[] attention;
  private final NDArray[] gateUp;
  private final NDArray classifier;
  private final NDManager owner;

  private FusedWeights(NDArray[] attention, NDArray[] gateUp, NDArray classifier, NDManager owner) {
    this.attention = attention;
    this.gateUp = gateUp;
    this.classifier = classifier;
    this.owner = owner;
  }

  /**
   * Fuses the current parameters into arrays of the caller's scope (training: inside the gradient
   * tape, so the gradient flows back to wq, wk, wv, w1 and w3).
   */
  static FusedWeights inScope(
      LlamaConfig config, Map<String, NDArray> parameters, NDArray pairSwapT) {
    int layers = config.layers();
    NDArray[] attention = new NDArray[layers];
    NDArray[] gateUp = new NDArray[layers];
    for (int layer = 0; layer < layers; layer++) {
      NDArray wq = parameters.get(LlamaWeights.layer(layer, "wq"));
      NDArray wk = parameters.get(LlamaWeights.layer(layer, "wk"));
      NDArray wv = parameters.get(LlamaWeights.layer(layer, "wv"));
      NDArray qk = wq.concat(wk, 0);
      attention[layer] =
          NDArrays.concat(new NDList(qk, swapRows(config, qk, pairSwapT), wv), 0)
              .mul(parameters.get(LlamaWeights.layer(layer, "attention_norm")));
      gateUp[layer] =
          parameters
              .get(LlamaWeights.layer(layer, "w1"))
              .concat(parameters.get(LlamaWeights.layer(layer, "w3")), 0)
              .mul(parameters.get(LlamaWeights.layer(layer, "ffn_norm")));
    }
    NDArray output =
        config.sharedClassifier() ? parameters.get("tok_embeddings") : parameters.get("output");
    return new FusedWeights(attention, gateUp, output.mul(parameters.get("norm")), null);
  }

  /**
   * A snapshot of the current parameters that outlives any open scope, for a generation loop; it
   * must be closed, and rebuilt after the parameters change.
   */
  static FusedWeights snapshot(
      LlamaConfig config, Map<String, NDArray> parameters, NDArray pairSwapT) {
    NDManager owner = pairSwapT.getManager().newSubManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      FusedWeights fused = inScope(config, parameters, pairSwapT);
      NDList all = new NDList(fused.attention).addAll(new NDList(fused.gateUp));
      all.add(fused.classifier);
      for (NDArray a : all) {
        NDScope.unregister(a);
        a.attach(owner);
      }
      return new FusedWeights(fused.attention, fused.gateUp, fused.classifier, owner);
    }
  }

  /**
   * [(2 (heads + kvHeads) + kvHeads) · headSize, dim]: q, k, swap(q), swap(k), v rows, times the
   * attention norm weight.
   */
  NDArray attention(int layer) {
    return attention[layer];
  }

  /** [2 · hiddenDim, dim]: w1 rows, then w3 rows. */
  NDArray gateUp(int layer) {
    return gateUp[layer];
  }

  /** [vocab, dim]: the classifier (the token embedding when tied) times the final norm weight. */
  NDArray classifier() {
    return classifier;
  }

  /** Rows of [n · headSize, dim] taken head by head through {@code pairSwapT} = pairSwapᵀ. */
  private static NDArray swapRows(LlamaConfig config, NDArray w, NDArray pairSwapT) {
    long rows = w.getShape().get(0);
    int hs = config.headSize();
    return pairSwapT.matMul(w.reshape(rows / hs, hs, config.dim())).reshape(rows, config.dim());
  }

  @Override
  public void close() {
    if (owner != null) {
      owner.close();
    }
  }
}
