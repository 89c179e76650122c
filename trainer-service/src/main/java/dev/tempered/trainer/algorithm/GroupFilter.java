package dev.tempered.trainer.algorithm;

import dev.tempered.api.advantage.RewardStats;
import java.util.List;

/**
 * Which prompt groups carry a learning signal: a group whose rewards are all equal has zero
 * advantages under every reward scaling, so it only dilutes the loss (DAPO's dynamic sampling drops
 * it). Zero std means std ≤ 1e-8, as {@code torch.isclose(std, 0)}.
 */
public final class GroupFilter {

  private GroupFilter() {}

  /**
   * @param keep per group, false for a zero-variance group
   * @param dropped how many groups were zero-variance
   */
  public record Result(boolean[] keep, int dropped) {}

  public static Result zeroVariance(List<double[]> groupRewards) {
    boolean[] keep = new boolean[groupRewards.size()];
    int dropped = 0;
    for (int g = 0; g < keep.length; g++) {
      keep[g] = RewardStats.of(groupRewards.get(g)).std() > 1e-8;
      if (!keep[g]) {
        dropped++;
      }
    }
    return new Result(keep, dropped);
  }
}
