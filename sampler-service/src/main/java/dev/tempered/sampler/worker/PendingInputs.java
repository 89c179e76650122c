package dev.tempered.sampler.worker;

import dev.tempered.api.message.NoisyInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs whose job is unknown or not yet RUNNING: the jobs topic may lag the inputs. Bounded, so a
 * stream for a job that never appears cannot exhaust memory; a full queue refuses new inputs.
 */
final class PendingInputs {

  private final int capacity;
  private final Map<String, List<NoisyInput>> byJob = new HashMap<>();
  private int size;

  PendingInputs(int capacity) {
    this.capacity = capacity;
  }

  boolean offer(NoisyInput input) {
    if (size >= capacity) {
      return false;
    }
    byJob.computeIfAbsent(input.jobId(), j -> new ArrayList<>()).add(input);
    size++;
    return true;
  }

  /** Removes and returns the job's inputs in arrival order. */
  List<NoisyInput> drain(String jobId) {
    List<NoisyInput> inputs = byJob.remove(jobId);
    if (inputs == null) {
      return List.of();
    }
    size -= inputs.size();
    return inputs;
  }

  int size() {
    return size;
  }
}
