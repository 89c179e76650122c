package dev.tempered.gateway.job;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobEventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The events of one job in sequence order, with what the lifecycle asks of them kept at hand. */
final class JobHistory {

  private final List<JobEvent> events = new ArrayList<>();
  private final Set<Long> checkpointVersions = new HashSet<>();
  private long lastProgressStep;
  private JobEvent lastState;

  long lastSequence() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
  }

  /** Adds the event unless it is not newer than the last one (a replay or a read-back). */
  boolean add(JobEvent event) {
    if (event.sequence() <= lastSequence()) {
      return false;
    }
    events.add(event);
    if (event.type() == JobEventType.PROGRESS && event.step() != null) {
      lastProgressStep = Math.max(lastProgressStep, event.step());
    } else if (event.type() == JobEventType.CHECKPOINT && event.checkpoint() != null) {
      checkpointVersions.add(event.checkpoint().version());
    } else if (event.type() == JobEventType.STATE) {
      lastState = event;
    }
    return true;
  }

  /** At most {@code limit} events with a sequence above {@code after}. */
  List<JobEvent> after(long after, int limit) {
    // Sequences are 1, 2, 3, ... without gaps when written by one gateway, but search to be safe.
    int lo = 0;
    int hi = events.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).sequence() <= after) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return List.copyOf(events.subList(lo, Math.min(events.size(), lo + limit)));
  }

  List<JobEvent> ofType(JobEventType type) {
    List<JobEvent> matching = new ArrayList<>();
    for (JobEvent e : events) {
      if (e.type() == type) {
        matching.add(e);
      }
    }
    return matching;
  }

  long lastProgressStep() {
    return lastProgressStep;
  }

  boolean hasCheckpoint(long version) {
    return checkpointVersions.contains(version);
  }

  JobEvent lastState() {
    return lastState;
  }
}
