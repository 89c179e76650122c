package dev.tempered.reward.scoring;

/** Picks the target T_k of a group: the candidate with the highest total reward S. */
public final class TargetSelection {

  private TargetSelection() {}

  /**
   * k = argmax S. Tie rule: the lowest index wins, so the choice is deterministic and does not
   * depend on anything but the candidates' order in the group.
   *
   * @throws IllegalArgumentException for an empty group or a NaN reward
   */
  public static int argmax(double[] rewards) {
    if (rewards == null || rewards.length == 0) {
      throw new IllegalArgumentException("cannot select a target from an empty group");
    }
    int best = 0;
    for (int i = 0; i < rewards.length; i++) {
      if (Double.isNaN(rewards[i])) {
        throw new IllegalArgumentException("reward of candidate " + i + " is NaN");
      }
      // Strictly greater: an equal later reward never displaces an earlier one.
      if (rewards[i] > rewards[best]) {
        best = i;
      }
    }
    return best;
  }
}
