package dev.tempered.reward.scoring;

/**
 * GRPO's group-relative advantages (Shao et al., DeepSeekMath, 2024): A_i = (r_i - mean) / (std +
 * 1e-4), where std is the Bessel-corrected (n - 1) standard deviation of the group's rewards.
 *
 * @param advantages one advantage per reward, in the rewards' order
 * @param mean the group's mean reward
 * @param std the group's Bessel-corrected standard deviation; 0 for a single reward
 */
public record GroupAdvantages(double[] advantages, double mean, double std) {

  /** Added to std so a zero-variance group gives advantages of 0 rather than 0/0. */
  public static final double EPSILON = 1e-4;

  /**
   * The advantages of one group's rewards. A single candidate has no spread to compare against (n -
   * 1 = 0), so its advantage is 0 and its std is reported as 0.
   *
   * @throws IllegalArgumentException for an empty group or a reward that is not finite
   */
  public static GroupAdvantages of(double[] rewards) {
    if (rewards == null || rewards.length == 0) {
      throw new IllegalArgumentException("cannot compute advantages of an empty group");
    }
    int n = rewards.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(rewards[i])) {
        throw new IllegalArgumentException("reward of candidate " + i + " is " + rewards[i]);
      }
      sum += rewards[i];
    }
    double mean = sum / n;
    if (n == 1) {
      return new GroupAdvantages(new double[] {0.0}, mean, 0.0);
    }
    double squares = 0;
    for (double reward : rewards) {
      squares += (reward - mean) * (reward - mean);
    }
    double std = Math.sqrt(squares / (n - 1));
    double[] advantages = new double[n];
    for (int i = 0; i < n; i++) {
      advantages[i] = (rewards[i] - mean) / (std + EPSILON);
    }
    return new GroupAdvantages(advantages, mean, std);
  }
}
