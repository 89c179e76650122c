package dev.tempered.sampler.worker;

import dev.tempered.api.message.NoisyInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The held-out prompts of each job and the newest policy version each was evaluated with, so every
 * (prompt, version) pair is evaluated exactly once and each new checkpoint re-evaluates them all.
 */
final class EvalBook {

  private final Map<String, Map<String, Entry>> byJob = new HashMap<>();

  private static final class Entry {
    private final NoisyInput input;
    private long evaluatedVersion = -1;

    private Entry(NoisyInput input) {
      this.input = input;
    }
  }

  void remember(NoisyInput input) {
    byJob
        .computeIfAbsent(input.jobId(), j -> new LinkedHashMap<>())
        .putIfAbsent(input.promptId(), new Entry(input));
  }

  /** The job's prompts not yet evaluated with {@code version}, in arrival order. */
  List<NoisyInput> due(String jobId, long version) {
    List<NoisyInput> due = new ArrayList<>();
    for (Entry e : byJob.getOrDefault(jobId, Map.of()).values()) {
      if (e.evaluatedVersion < version) {
        due.add(e.input);
      }
    }
    return due;
  }

  void markEvaluated(String jobId, String promptId, long version) {
    Entry e = byJob.getOrDefault(jobId, Map.of()).get(promptId);
    if (e != null) {
      e.evaluatedVersion = Math.max(e.evaluatedVersion, version);
    }
  }

  int size(String jobId) {
    return byJob.getOrDefault(jobId, Map.of()).size();
  }

  void forget(String jobId) {
    byJob.remove(jobId);
  }
}
