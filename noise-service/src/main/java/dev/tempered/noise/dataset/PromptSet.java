package dev.tempered.noise.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A job's examples after a seeded shuffle: the first {@code heldOut} are the EVAL set, never
 * trained on; the rest are TRAIN, cycled through again when a job needs more prompts than exist.
 */
public final class PromptSet {

  private final List<Example> eval;
  private final List<Example> train;

  private PromptSet(List<Example> eval, List<Example> train) {
    this.eval = eval;
    this.train = train;
  }

  /**
   * Shuffles {@code examples} with {@code seed} and splits off {@code heldOut} EVAL examples.
   *
   * @throws IllegalArgumentException when fewer than {@code heldOut + 1} examples exist
   */
  public static PromptSet split(List<Example> examples, long seed, int heldOut) {
    if (heldOut < 0) {
      throw new IllegalArgumentException("heldOutPrompts must be >= 0, was " + heldOut);
    }
    if (examples.size() <= heldOut) {
      throw new IllegalArgumentException(
          "the dataset has "
              + examples.size()
              + " usable examples, too few to hold out "
              + heldOut
              + " and still train on at least one; lower dataset.heldOutPrompts");
    }
    List<Example> shuffled = new ArrayList<>(examples);
    Collections.shuffle(shuffled, new Random(seed));
    return new PromptSet(
        List.copyOf(shuffled.subList(0, heldOut)),
        List.copyOf(shuffled.subList(heldOut, shuffled.size())));
  }

  public List<Example> eval() {
    return eval;
  }

  public int evalSize() {
    return eval.size();
  }

  public int trainSize() {
    return train.size();
  }

  /** The TRAIN example for the {@code sequence}-th training prompt, cycling past the end. */
  public Example train(long sequence) {
    return train.get((int) Math.floorMod(sequence, (long) train.size()));
  }

  /** The EVAL example at {@code index}. */
  public Example eval(int index) {
    return eval.get(index);
  }
}
