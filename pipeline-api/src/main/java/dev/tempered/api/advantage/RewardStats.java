package dev.tempered.api.advantage;

/**
 * Mean and Bessel-corrected (n − 1) standard deviation of some rewards, as {@code torch.std}
 * computes it; a single reward has no spread, so its std is 0 rather than NaN.
 */
public record RewardStats(double mean, double std) {

  /**
   * @throws IllegalArgumentException for no rewards or a reward that is not finite
   */
  public static RewardStats of(double[] rewards) {
    if (rewards == null || rewards.length == 0) {
      throw new IllegalArgumentException("cannot compute statistics of no rewards");
    }
    double sum = 0;
    for (int i = 0; i < rewards.length; i++) {
      if (!Double.isFinite(rewards[i])) {
        throw new IllegalArgumentException("reward " + i + " is " + rewards[i]);
      }
      sum += rewards[i];
    }
    int n = rewards.length;
    double mean = sum / n;
    if (n == 1) {
      return new RewardStats(mean, 0.0);
    }
    double squares = 0;
    for (double r : rewards) {
      squares += (r - mean) * (r - mean);
    }
    return new RewardStats(mean, Math.sqrt(squares / (n - 1)));
  }
}
