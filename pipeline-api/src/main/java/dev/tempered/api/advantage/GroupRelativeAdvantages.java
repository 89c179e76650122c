package dev.tempered.api.advantage;

import java.util.List;

/**
 * GRPO advantages (Shao et al., DeepSeekMath, 2024) for a batch of prompt groups: A_i = (r_i −
 * mean_g) / (s + 1e-4), with s the group's or the batch's Bessel-corrected std, or A_i = r_i −
 * mean_g without scaling; as TRL's {@code GRPOTrainer} with {@code scale_rewards}. For the group
 * [0, 1]: ±0.707007; for [1, 1, 1, 1]: all 0.
 */
public final class GroupRelativeAdvantages {

  /** Added to the std so that a zero-variance group gives advantages 0 rather than 0/0. */
  public static final double EPSILON = 1e-4;

  private GroupRelativeAdvantages() {}

  /**
   * @param groups the rewards of each prompt's candidates, one array per group
   * @return the advantages, shaped like {@code groups}
   * @throws IllegalArgumentException for an empty batch, an empty group or a non-finite reward
   */
  public static double[][] compute(List<double[]> groups, RewardScaling scaling) {
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("cannot compute advantages of an empty batch");
    }
    double batchStd = scaling == RewardScaling.BATCH ? RewardStats.of(flatten(groups)).std() : 0;
    double[][] out = new double[groups.size()][];
    for (int g = 0; g < groups.size(); g++) {
      double[] rewards = groups.get(g);
      if (rewards == null || rewards.length == 0) {
        throw new IllegalArgumentException("group " + g + " has no rewards");
      }
      RewardStats stats = RewardStats.of(rewards);
      double divisor =
          switch (scaling) {
            case GROUP -> stats.std() + EPSILON;
            case BATCH -> batchStd + EPSILON;
            case NONE -> 1.0;
          };
      out[g] = new double[rewards.length];
      for (int i = 0; i < rewards.length; i++) {
        out[g][i] = (rewards[i] - stats.mean()) / divisor;
      }
    }
    return out;
  }

  private static double[] flatten(List<double[]> groups) {
    int n = 0;
    for (double[] g : groups) {
      n += g == null ? 0 : g.length;
    }
    double[] all = new double[n];
    int k = 0;
    for (double[] g : groups) {
      if (g != null) {
        System.arraycopy(g, 0, all, k, g.length);
        k += g.length;
      }
    }
    return all;
  }
}
