package dev.tempered.trainer.preference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * An offline job's pairs split into held-out and training pairs: the first {@code heldOut} of a
 * shuffle seeded by the job's seed are held out, as the noise service holds prompts out, so the
 * same spec always holds out the same pairs.
 */
public record PairSplit(List<PreferencePair> heldOut, List<PreferencePair> train) {

  /**
   * @throws IllegalArgumentException when no pair would be left to train on
   */
  public static PairSplit of(List<PreferencePair> pairs, int heldOut, long seed) {
    if (heldOut < 0 || heldOut >= pairs.size()) {
      throw new IllegalArgumentException(
          "dataset.heldOutPrompts is "
              + heldOut
              + " but the file has "
              + pairs.size()
              + " pairs; at least one must be left to train on");
    }
    List<PreferencePair> shuffled = new ArrayList<>(pairs);
    Collections.shuffle(shuffled, new Random(seed));
    return new PairSplit(
        List.copyOf(shuffled.subList(0, heldOut)),
        List.copyOf(shuffled.subList(heldOut, shuffled.size())));
  }
}
