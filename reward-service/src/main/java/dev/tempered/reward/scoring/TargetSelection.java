package dev.tempered.reward.scoring;

import java.util.OptionalInt;

/**
 * Picks the target T_k of a group, the candidate with the highest total reward S, and the candidate
 * it is preferred to in an online DPO pair, the one with the lowest S.
 */
public final class TargetSelection {

  private TargetSelection() {}

  /**
   * k = argmax S. Tie rule: the lowest index wins, so the choice is deterministic and does not
   * depend on anything but the candidates' order in the group.
   *
   * @throws IllegalArgumentException for an empty group or a NaN reward
   */
  public static int argmax(double[] rewards) {
    check(rewards);
    int best = 0;
    for (int i = 1; i < rewards.length; i++) {
      // Strictly greater: an equal later reward never displaces an earlier one.
      if (rewards[i] > rewards[best]) {
        best = i;
      }
    }
    return best;
  }

  /** argmin S with the same tie rule as {@link #argmax}: the lowest index wins. */
  public static int argmin(double[] rewards) {
    check(rewards);
    int worst = 0;
    for (int i = 1; i < rewards.length; i++) {
      if (rewards[i] < rewards[worst]) {
        worst = i;
      }
    }
    return worst;
  }

  /**
   * The rejected candidate of the pair (T_k, worst): argmin S, or empty when its S equals T_k's (a
   * tie, which the caller counts) or the group has a single candidate.
   */
  public static OptionalInt rejected(double[] rewards, int chosen) {
    int worst = argmin(rewards);
    if (rewards.length < 2 || rewards[worst] == rewards[chosen]) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(worst);
  }

  private static void check(double[] rewards) {
    if (rewards == null || rewards.length == 0) {
      throw new IllegalArgumentException("cannot select a target from an empty group");
    }
    for (int i = 0; i < rewards.length; i++) {
      if (Double.isNaN(rewards[i])) {
        throw new IllegalArgumentException("reward of candidate " + i + " is NaN");
      }
    }
  }
}
