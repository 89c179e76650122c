package dev.tempered.reward.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe memory of the most recently processed message ids, so a redelivered record
 * is not scored and published twice. The oldest ids are forgotten first; the bound keeps memory
 * flat on a long-running instance.
 */
public final class SeenMessageIds {

  private final Map<String, Boolean> ids;

  /** Remembers at most {@code capacity} ids. */
  public SeenMessageIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("seen message id capacity must be >= 1, was " + capacity);
    }
    this.ids =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True when {@code messageId} was marked before and not yet forgotten. */
  public synchronized boolean contains(String messageId) {
    return ids.get(messageId) != null;
  }

  /** Remembers {@code messageId}; call only after its results were published. */
  public synchronized void mark(String messageId) {
    ids.put(messageId, Boolean.TRUE);
  }

  /** How many ids are remembered now. */
  public synchronized int size() {
    return ids.size();
  }
}
