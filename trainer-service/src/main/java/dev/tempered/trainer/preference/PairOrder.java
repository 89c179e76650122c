package dev.tempered.trainer.preference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order an offline job trains its pairs in: epoch after epoch, each a fresh shuffle of the
 * training pairs seeded by the job's seed and the epoch number, so every pair is seen once per
 * epoch and a run is reproducible; a batch that reaches an epoch's end continues into the next.
 */
public final class PairOrder {

  private final List<PreferencePair> pairs;
  private final long seed;
  private List<PreferencePair> epochOrder;
  private int epoch = -1;
  private int position;

  public PairOrder(List<PreferencePair> pairs, long seed) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no training pairs");
    }
    this.pairs = List.copyOf(pairs);
    this.seed = seed;
  }

  /** The next {@code n} pairs. */
  public List<PreferencePair> next(int n) {
    List<PreferencePair> batch = new ArrayList<>(n);
    while (batch.size() < n) {
      if (epochOrder == null || position == epochOrder.size()) {
        epoch++;
        epochOrder = new ArrayList<>(pairs);
        Collections.shuffle(epochOrder, new Random(seed * 31 + epoch));
        position = 0;
      }
      batch.add(epochOrder.get(position++));
    }
    return batch;
  }

  /** Epochs begun so far (0 before the first batch). */
  public int epochs() {
    return epoch + 1;
  }
}
