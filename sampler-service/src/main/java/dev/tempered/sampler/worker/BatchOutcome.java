package dev.tempered.sampler.worker;

import java.util.List;

/**
 * What became of a batch of inputs handed to the model thread: the positions that were neither
 * sampled nor parked, with the first cause, so the listener can hand them to the error handler.
 */
public record BatchOutcome(List<Integer> failed, Exception cause) {

  public static BatchOutcome ok() {
    return new BatchOutcome(List.of(), null);
  }

  public boolean allDone() {
    return failed.isEmpty();
  }

  public int firstFailed() {
    return failed.stream().mapToInt(Integer::intValue).min().orElseThrow();
  }
}
