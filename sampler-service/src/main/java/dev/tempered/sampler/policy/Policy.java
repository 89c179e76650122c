package dev.tempered.sampler.policy;

import ai.djl.Device;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;

/**
 * One job's behaviour policy: a model on the device, its vocabulary, and the checkpoint version its
 * parameters hold (0 is the base model). Not thread-safe: only the sampler's model thread uses it.
 */
public final class Policy implements AutoCloseable {

  private final String jobId;
  private final String modelName;
  private final LlamaModel model;
  private final Vocabulary vocabulary;
  private long version;

  private Policy(String jobId, String modelName, LlamaModel model, Vocabulary vocabulary) {
    this.jobId = jobId;
    this.modelName = modelName;
    this.model = model;
    this.vocabulary = vocabulary;
  }

  /** A policy at version 0 holding {@code baseWeights}; {@code jobId} is null for a base model. */
  public static Policy create(
      String jobId,
      String modelName,
      LlamaWeights baseWeights,
      Vocabulary vocabulary,
      Device device) {
    return new Policy(jobId, modelName, LlamaModel.create(baseWeights, device), vocabulary);
  }

  /** Overwrites the parameters with a newer checkpoint of the same config. */
  public void load(LlamaWeights weights, long newVersion) {
    if (newVersion <= version) {
      throw new IllegalArgumentException(
          "job "
              + jobId
              + " holds version "
              + version
              + "; refusing to load older or equal version "
              + newVersion);
    }
    model.load(weights);
    version = newVersion;
  }

  public String jobId() {
    return jobId;
  }

  public String modelName() {
    return modelName;
  }

  public LlamaModel model() {
    return model;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  public long version() {
    return version;
  }

  @Override
  public void close() {
    model.close();
  }
}
