package dev.tempered.model.generation;

import java.util.Set;

/**
 * How to sample: temperature (0 = greedy), top-k (0 = off), top-p (1 = off, applied after top-k to
 * its renormalised distribution), a token budget, the ids that end a sequence (the first one
 * sampled is kept and ends it), and the seed. Reported log-probs are always under the untruncated
 * softmax(logits / temperature) (temperature 1 when greedy), whatever top-k and top-p are.
 */
public record GenerationOptions(
    float temperature, int topK, float topP, int maxNewTokens, Set<Integer> stopIds, long seed) {

  public GenerationOptions {
    if (temperature < 0 || !Float.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0, got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    stopIds = Set.copyOf(stopIds);
  }

  /** Greedy decoding for evaluation. */
  public static GenerationOptions greedy(int maxNewTokens, Set<Integer> stopIds) {
    return new GenerationOptions(0f, 0, 1f, maxNewTokens, stopIds, 0L);
  }

  /** Plain temperature sampling. */
  public static GenerationOptions sampling(
      float temperature, int maxNewTokens, Set<Integer> stopIds, long seed) {
    return new GenerationOptions(temperature, 0, 1f, maxNewTokens, stopIds, seed);
  }

  public boolean greedy() {
    return temperature == 0f;
  }
}
