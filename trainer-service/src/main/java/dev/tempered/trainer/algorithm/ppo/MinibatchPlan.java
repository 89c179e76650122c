package dev.tempered.trainer.algorithm.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order PPO visits a batch in: for each of {@code epochs} a fresh seeded permutation of the
 * sample indices, cut into {@code minibatches} contiguous parts whose sizes differ by at most one.
 */
public final class MinibatchPlan {

  private MinibatchPlan() {}

  /** Index arrays, epoch after epoch; every epoch covers every index exactly once. */
  public static List<int[]> of(int batchSize, int minibatches, int epochs, long seed) {
    if (batchSize < 1 || minibatches < 1 || minibatches > batchSize || epochs < 1) {
      throw new IllegalArgumentException(
          "need batchSize >= minibatches >= 1 and epochs >= 1, got batch "
              + batchSize
              + ", minibatches "
              + minibatches
              + ", epochs "
              + epochs);
    }
    Random random = new Random(seed);
    List<int[]> plan = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      int[] order = new int[batchSize];
      for (int i = 0; i < batchSize; i++) {
        order[i] = i;
      }
      for (int i = batchSize - 1; i > 0; i--) { // Fisher–Yates
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int m = 0; m < minibatches; m++) {
        int from = (int) ((long) batchSize * m / minibatches);
        int to = (int) ((long) batchSize * (m + 1) / minibatches);
        int[] part = new int[to - from];
        System.arraycopy(order, from, part, 0, part.length);
        plan.add(part);
      }
    }
    return plan;
  }
}
