package dev.tempered.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * (prompt, completion) pairs laid out as generation saw them: prompts left-padded to a common width
 * P, completions right-padded to C, so that row b reads [pad.., prompt, completion, pad..].
 *
 * @param tokens [B, P+C] int64 ids (0 at padding)
 * @param positions [B, P+C] rotary positions of the real tokens (0 at padding)
 * @param keyValid [B, P+C] 1 for real tokens, 0 for left padding
 * @param completionTokens [B, C] the completion ids whose log-probs are wanted
 * @param completionMask [B, C] 1 for real completion tokens, 0 for right padding
 */
public record TokenBatch(
    NDArray tokens,
    NDArray positions,
    NDArray keyValid,
    NDArray completionTokens,
    NDArray completionMask,
    int promptWidth,
    int completionWidth) {

  /** Builds the batch on {@code manager}; every completion must be non-empty. */
  public static TokenBatch of(NDManager manager, List<int[]> prompts, List<int[]> completions) {
    if (prompts.size() != completions.size() || prompts.isEmpty()) {
      throw new IllegalArgumentException(
          "need as many completions as prompts, and at least one: "
              + prompts.size()
              + " prompts, "
              + completions.size()
              + " completions");
    }
    int batch = prompts.size();
    int p = prompts.stream().mapToInt(x -> x.length).max().orElseThrow();
    int c = Math.max(1, completions.stream().mapToInt(x -> x.length).max().orElseThrow());
    int width = p + c;
    long[] tokens = new long[batch * width];
    long[] positions = new long[batch * width];
    float[] keyValid = new float[batch * width];
    long[] target = new long[batch * c];
    float[] mask = new float[batch * c];
    for (int b = 0; b < batch; b++) {
      int[] prompt = prompts.get(b);
      int[] completion = completions.get(b);
      int pad = p - prompt.length;
      for (int j = 0; j < width; j++) {
        int real = j - pad;
        int k = b * width + j;
        if (real < 0) {
          continue;
        }
        keyValid[k] = 1f;
        positions[k] = real;
        if (j < p) {
          tokens[k] = prompt[real];
        } else if (j - p < completion.length) {
          tokens[k] = completion[j - p];
          target[b * c + j - p] = completion[j - p];
          mask[b * c + j - p] = 1f;
        }
      }
    }
    return new TokenBatch(
        manager.create(tokens, new Shape(batch, width)),
        manager.create(positions, new Shape(batch, width)),
        manager.create(keyValid, new Shape(batch, width)),
        manager.create(target, new Shape(batch, c)),
        manager.create(mask, new Shape(batch, c)),
        p,
        c);
  }

  public int size() {
    return (int) tokens.getShape().get(0);
  }
}
