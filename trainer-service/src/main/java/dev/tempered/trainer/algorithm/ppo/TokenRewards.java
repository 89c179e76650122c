package dev.tempered.trainer.algorithm.ppo;

/**
 * Per-token rewards of PPO for language models (Ziegler et al. 2019, as TRL and OpenRLHF): each
 * valid completion token t earns −kl_coef·KL_t, and the sequence's score is added on its last valid
 * completion token (the step whose action ends the episode, usually the stop token). Padding earns
 * 0. Host arrays, row-major [B, C], masks right-padded.
 */
public final class TokenRewards {

  private TokenRewards() {}

  /**
   * @param scores one scalar reward per sequence [B]
   * @param klPerToken per-token KL estimate to the reference [B·C], or null for none
   * @param klCoefficient the KL penalty coefficient (from a {@link KlController})
   * @param mask 1 for valid completion tokens [B·C]
   */
  public static float[] of(
      float[] scores, float[] klPerToken, double klCoefficient, float[] mask, int width) {
    int batch = scores.length;
    if (mask.length != batch * width) {
      throw new IllegalArgumentException(
          "mask has " + mask.length + " entries, expected " + batch + " × " + width);
    }
    float[] rewards = new float[batch * width];
    for (int b = 0; b < batch; b++) {
      int last = -1;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        if (mask[k] > 0) {
          last = t;
          rewards[k] = klPerToken == null ? 0f : (float) (-klCoefficient * klPerToken[k]);
        }
      }
      if (last >= 0) {
        rewards[b * width + last] += scores[b];
      }
    }
    return rewards;
  }
}
