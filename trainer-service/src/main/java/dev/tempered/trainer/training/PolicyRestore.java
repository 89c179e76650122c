package dev.tempered.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;

/** Puts stored weights into a trainable policy in place, for a trainer that resumes a job. */
public final class PolicyRestore {

  private PolicyRestore() {}

  /** Copies every parameter of {@code weights} into {@code policy}; fails naming a missing one. */
  public static void copyInto(LlamaModel policy, LlamaWeights weights) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      policy
          .parameters()
          .forEach(
              (name, p) -> {
                float[] values = weights.tensors().get(name);
                if (values == null || values.length != p.size()) {
                  throw new IllegalArgumentException(
                      "checkpoint has no " + p.size() + " values for " + name);
                }
                // In place through a detached view (as AdamW updates): NDArray.set would swap the
                // view's storage and leave the parameter as it was; autograd must not record it.
                NDArray data = p.stopGradient();
                data.muli(0).addi(p.getManager().create(values, p.getShape()));
              });
    }
  }
}
