package dev.tempered.gateway.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message ids a listener has handled, the oldest forgotten past a bound; redelivered records
 * (after a rebalance or a retry) are recognised and skipped. Thread-safe.
 */
final class SeenMessages {

  private final Map<String, Boolean> seen;

  SeenMessages(int capacity) {
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time {@code messageId} is offered; null ids are never deduplicated. */
  synchronized boolean firstTime(String messageId) {
    return messageId == null || seen.put(messageId, Boolean.TRUE) == null;
  }

  /** Forgets an id so that a record whose handling failed can be retried. */
  synchronized void forget(String messageId) {
    if (messageId != null) {
      seen.remove(messageId);
    }
  }
}
