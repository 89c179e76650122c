package dev.tempered.noise.operator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * The local permutation of Lample et al. (2018, "Unsupervised Machine Translation Using Monolingual
 * Corpora Only", section 2.3): item i gets the key {@code i + U(0, alpha)} and items are sorted by
 * key, so with {@code alpha <= window + 1} no item moves more than {@code window} places.
 */
final class LocalShuffle {

  private LocalShuffle() {}

  /**
   * The new order of {@code n} items: position j holds the item that was at {@code order[j]}.
   * {@code strength} moves alpha from 1 to {@code window + 1}: at alpha 1 every key stays below the
   * next item's smallest key, so strength 0 moves nothing.
   */
  static int[] order(int n, int window, double strength, RandomGenerator random) {
    double alpha = 1 + strength * window;
    double[] keys = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i + alpha * random.nextDouble();
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> keys[i]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
