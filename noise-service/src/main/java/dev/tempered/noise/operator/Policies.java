package dev.tempered.noise.operator;

import dev.tempered.model.llama.LlamaModel;

/** The policy a model-backed operator attacks: a job's newest checkpoint, else its base model. */
public interface Policies {

  /** What to run against a policy while the caller has it to itself. */
  @FunctionalInterface
  interface Task<T> {

    /**
     * @param version the checkpoint version the model holds (0: the base model)
     */
    T run(LlamaModel model, long version);
  }

  /**
   * Runs {@code task} on the current policy of job {@code jobId} on base model {@code model},
   * loading it or a newer announced checkpoint first; no other task runs on it meanwhile.
   *
   * @param jobId null for the base model itself, which no checkpoint changes
   */
  <T> T withPolicy(String jobId, String model, Task<T> task);
}
