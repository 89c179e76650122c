package dev.tempered.reward.processing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-job running means of every reward component over a window of groups, reported and reset every
 * {@code every} groups so the log shows how rewards move during training.
 */
public final class ComponentStatistics {

  private final int every;
  private final Map<String, Window> windows = new HashMap<>();

  public ComponentStatistics(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("statistics interval must be >= 1 group, was " + every);
    }
    this.every = every;
  }

  /**
   * A summary of one window: groups so far for the job, the mean of each component over the window,
   * and the DPO pairs dropped as ties so far for the job.
   */
  public record Summary(String jobId, long groups, Map<String, Double> means, long tiedPairs) {}

  /**
   * Adds one group's candidates' components; returns the window's summary when this group completes
   * a window of {@code every} groups.
   */
  public synchronized Optional<Summary> record(
      String jobId, Iterable<Map<String, Double>> candidates) {
    return record(jobId, candidates, 0);
  }

  /** As {@link #record(String, Iterable)}, also counting the group's tied (dropped) DPO pairs. */
  public synchronized Optional<Summary> record(
      String jobId, Iterable<Map<String, Double>> candidates, int tiedPairs) {
    Window window = windows.computeIfAbsent(jobId, id -> new Window());
    window.tiedPairs += tiedPairs;
    for (Map<String, Double> components : candidates) {
      components.forEach(
          (name, value) -> {
            window.sums.merge(name, value, Double::sum);
            window.counts.merge(name, 1L, Long::sum);
          });
    }
    window.groups++;
    if (window.groups % every != 0) {
      return Optional.empty();
    }
    Map<String, Double> means = new TreeMap<>();
    window.sums.forEach((name, sum) -> means.put(name, sum / window.counts.get(name)));
    window.sums.clear();
    window.counts.clear();
    return Optional.of(new Summary(jobId, window.groups, means, window.tiedPairs));
  }

  private static final class Window {
    private long groups;
    private long tiedPairs;
    private final Map<String, Double> sums = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();
  }
}
