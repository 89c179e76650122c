package dev.tempered.reward.scoring;

import dev.tempered.api.advantage.GroupRelativeAdvantages;
import dev.tempered.api.advantage.RewardScaling;
import dev.tempered.api.advantage.RewardStats;
import java.util.List;

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
  public static final double EPSILON = GroupRelativeAdvantages.EPSILON;

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
    for (int i = 0; i < rewards.length; i++) {
      if (!Double.isFinite(rewards[i])) {
        throw new IllegalArgumentException("reward of candidate " + i + " is " + rewards[i]);
      }
    }
    // One definition for the reward service and the trainer: pipeline-api's shared math.
    RewardStats stats = RewardStats.of(rewards);
    double[] advantages = GroupRelativeAdvantages.compute(List.of(rewards), RewardScaling.GROUP)[0];
    return new GroupAdvantages(advantages, stats.mean(), stats.std());
  }
}
