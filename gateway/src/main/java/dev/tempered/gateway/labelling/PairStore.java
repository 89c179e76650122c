package dev.tempered.gateway.labelling;

import dev.tempered.api.job.LabellingEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every job's offered pairs and their labels, rebuilt from the labelling topic. Applying an event
 * twice changes nothing: the first offer of a pair id and the first label of a pair win, so a
 * replayed topic, a redelivery or another gateway's copy of the same event are harmless.
 * Thread-safe.
 */
@Component
public class PairStore {

  private final Map<String, Map<String, PairEntry>> jobs = new HashMap<>();

  /** Applies an offer or a label; returns whether it changed anything. */
  public synchronized boolean apply(LabellingEvent event) {
    if (event == null || event.jobId() == null || event.pairId() == null) {
      return false;
    }
    Map<String, PairEntry> pairs = jobs.computeIfAbsent(event.jobId(), j -> new LinkedHashMap<>());
    PairEntry known = pairs.get(event.pairId());
    if (LabellingEvent.OFFERED.equals(event.type()) && known == null && event.pair() != null) {
      pairs.put(
          event.pairId(),
          new PairEntry(pairs.size() + 1L, event.pairId(), event.at(), event.pair(), null, null));
      return true;
    }
    if (LabellingEvent.LABELLED.equals(event.type()) && known != null && known.pending()) {
      pairs.put(event.pairId(), known.withLabel(event.label(), event.at()));
      return true;
    }
    return false;
  }

  public synchronized Optional<PairEntry> find(String jobId, String pairId) {
    return Optional.ofNullable(jobs.getOrDefault(jobId, Map.of()).get(pairId));
  }

  /** The job's pairs in the order they were offered. */
  public synchronized List<PairEntry> pairs(String jobId) {
    return List.copyOf(jobs.getOrDefault(jobId, Map.of()).values());
  }

  public synchronized boolean known(String jobId, String pairId) {
    return jobs.getOrDefault(jobId, Map.of()).containsKey(pairId);
  }

  public synchronized int pending(String jobId) {
    return (int)
        jobs.getOrDefault(jobId, Map.of()).values().stream().filter(PairEntry::pending).count();
  }
}
