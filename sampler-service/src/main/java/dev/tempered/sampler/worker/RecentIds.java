package dev.tempered.sampler.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} message ids seen, so a redelivered record is not sampled twice. */
final class RecentIds {

  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  boolean contains(String id) {
    return id != null && ids.containsKey(id);
  }

  void add(String id) {
    if (id != null) {
      ids.put(id, Boolean.TRUE);
    }
  }
}
