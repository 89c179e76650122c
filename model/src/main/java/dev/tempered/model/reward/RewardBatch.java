package dev.tempered.model.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Whole token sequences left-padded to a common width, so every row's last real token sits in the
 * last column, where the reward head reads it.
 *
 * @param tokens [B, T] int64 ids (0 at padding)
 * @param positions [B, T] rotary positions of the real tokens (0 at padding)
 * @param keyValid [B, T] 1 for real tokens, 0 for padding
 */
public record RewardBatch(NDArray tokens, NDArray positions, NDArray keyValid) {

  /** Builds the batch on {@code manager}; every sequence must be non-empty. */
  public static RewardBatch of(NDManager manager, List<int[]> sequences) {
    if (sequences.isEmpty() || sequences.stream().anyMatch(s -> s.length == 0)) {
      throw new IllegalArgumentException("a reward batch needs at least one non-empty sequence");
    }
    int rows = sequences.size();
    int width = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
    long[] tokens = new long[rows * width];
    long[] positions = new long[rows * width];
    float[] keyValid = new float[rows * width];
    for (int b = 0; b < rows; b++) {
      int[] sequence = sequences.get(b);
      int pad = width - sequence.length;
      for (int i = 0; i < sequence.length; i++) {
        int k = b * width + pad + i;
        tokens[k] = sequence[i];
        positions[k] = i;
        keyValid[k] = 1f;
      }
    }
    Shape shape = new Shape(rows, width);
    return new RewardBatch(
        manager.create(tokens, shape),
        manager.create(positions, shape),
        manager.create(keyValid, shape));
  }

  public int size() {
    return (int) tokens.getShape().get(0);
  }
}
