package dev.tempered.trainer.algorithm.dpo;

import java.util.ArrayList;
import java.util.List;

/**
 * Online preference pairs from scored groups: the selected target T_k is chosen, the lowest-scored
 * candidate (lowest index on ties) is rejected. A group whose T_k and worst candidate have equal
 * rewards carries no preference: it gives no pair and is counted as a tie.
 */
public final class OnlinePairs {

  private OnlinePairs() {}

  /** Candidate indices of one pair within its group. */
  public record Pair(int group, int chosen, int rejected) {}

  /**
   * @param pairs one pair per group that has a preference, in group order
   * @param ties groups dropped because T_k and the worst candidate tie
   */
  public record Result(List<Pair> pairs, int ties) {}

  /**
   * @param rewards each group's candidate rewards
   * @param selected each group's T_k index
   */
  public static Result of(List<double[]> rewards, int[] selected) {
    if (rewards.size() != selected.length) {
      throw new IllegalArgumentException(
          rewards.size() + " groups but " + selected.length + " selected indices");
    }
    List<Pair> pairs = new ArrayList<>();
    int ties = 0;
    for (int g = 0; g < selected.length; g++) {
      double[] r = rewards.get(g);
      int k = selected[g];
      if (k < 0 || k >= r.length) {
        throw new IllegalArgumentException(
            "group " + g + ": selected index " + k + " outside " + r.length + " candidates");
      }
      int worst = 0;
      for (int i = 1; i < r.length; i++) {
        if (r[i] < r[worst]) {
          worst = i;
        }
      }
      if (r[worst] == r[k]) {
        ties++;
      } else {
        pairs.add(new Pair(g, k, worst));
      }
    }
    return new Result(pairs, ties);
  }
}
