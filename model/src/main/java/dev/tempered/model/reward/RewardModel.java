package dev.tempered.model.reward;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.LlamaModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scalar reward model: the Llama trunk's final hidden state at the last real token times the head
 * {@code score} [1, dim], as HF's {@code LlamaForSequenceClassification} with {@code num_labels=1}
 * pools (its last non-pad token). Differentiable inside a gradient collector.
 */
public final class RewardModel implements AutoCloseable {

  /** The head's parameter name; its Hugging Face name is {@code score.weight}. */
  public static final String SCORE = "score";

  private final LlamaModel trunk;
  private final NDManager manager;
  private final NDArray score;
  private final Map<String, NDArray> parameters;

  private RewardModel(LlamaModel trunk, NDManager manager, NDArray score) {
    this.trunk = trunk;
    this.manager = manager;
    this.score = score;
    Map<String, NDArray> all = new LinkedHashMap<>(trunk.parameters());
    all.put(SCORE, score);
    this.parameters = Collections.unmodifiableMap(all);
  }

  /** Copies host weights onto {@code device}. */
  public static RewardModel create(RewardModelWeights weights, Device device) {
    LlamaModel trunk = LlamaModel.create(weights.trunk(), device);
    NDManager manager = NDManager.newBaseManager(device);
    NDArray score = manager.create(weights.score(), new Shape(1, weights.score().length));
    score.setName(SCORE);
    return new RewardModel(trunk, manager, score);
  }

  /** The trunk's parameters (llama2.c names) and the head ({@link #SCORE}), for an optimiser. */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  public Device device() {
    return trunk.device();
  }

  /** The longest sequence the trunk's rotary table covers. */
  public int maxLength() {
    return trunk.config().seqLen();
  }

  /** One reward per row [B]; arrays created belong to the caller's scope. */
  public NDArray rewards(RewardBatch batch) {
    NDArray hidden = trunk.hiddenStates(batch.tokens(), batch.positions(), batch.keyValid());
    // Left padding puts every row's last real token in the last column.
    NDArray last = hidden.get(new NDIndex(":, -1, :"));
    return last.matMul(score.transpose()).reshape(batch.size());
  }

  /** Copies the current weights back to the host, e.g. to save them. */
  public RewardModelWeights toWeights() {
    return new RewardModelWeights(trunk.toWeights(), score.toFloatArray());
  }

  @Override
  public void close() {
    manager.close();
    trunk.close();
  }
}
