package dev.tempered.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.LlamaModel;

/** Full-sequence logits of a model for tests that compare two models token by token. */
public final class Logits {

  private Logits() {}

  /** Logits [T, vocab] of one unpadded sequence, flattened. */
  public static float[] of(LlamaModel model, int[] tokens) {
    NDManager manager = model.parameters().get("norm").getManager();
    long[] ids = new long[tokens.length];
    long[] positions = new long[tokens.length];
    float[] valid = new float[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      ids[i] = tokens[i];
      positions[i] = i;
      valid[i] = 1f;
    }
    Shape shape = new Shape(1, tokens.length);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return model
          .forward(
              manager.create(ids, shape),
              manager.create(positions, shape),
              manager.create(valid, shape),
              null)
          .toFloatArray();
    }
  }

  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
