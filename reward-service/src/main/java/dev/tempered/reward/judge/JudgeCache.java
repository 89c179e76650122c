package dev.tempered.reward.judge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Judge scores by the full request body that produced them, least recently used evicted. */
final class JudgeCache {

  private final int capacity;
  private final Map<String, Double> scores;

  JudgeCache(int capacity) {
    this.capacity = capacity;
    this.scores =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > JudgeCache.this.capacity;
          }
        };
  }

  synchronized Optional<Double> get(String request) {
    return Optional.ofNullable(scores.get(request));
  }

  synchronized void put(String request, double score) {
    if (capacity > 0) {
      scores.put(request, score);
    }
  }

  synchronized int size() {
    return scores.size();
  }
}
