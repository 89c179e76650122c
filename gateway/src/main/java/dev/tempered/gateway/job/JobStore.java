package dev.tempered.gateway.job;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Rollout;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The latest record, rollout and checkpoint of every job. Updates keep only what is newer, so a
 * replayed or duplicated event changes nothing. Thread-safe: every method holds the store's lock
 * and hands out immutable snapshots.
 */
@Component
public class JobStore {

  /**
   * Own writes come back from the topic; remembering them keeps a read-back from undoing later
   * ones.
   */
  private static final int OWN_MESSAGES_KEPT = 100_000;

  private final Map<String, JobEntry> entries = new HashMap<>();
  private final Set<String> ownMessageIds =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > OWN_MESSAGES_KEPT;
            }
          });

  /**
   * Takes a record read from the jobs topic unless the one held is newer.
   *
   * @return whether it was taken
   */
  public synchronized boolean applyRecord(JobRecord record) {
    if (record.envelope() != null && ownMessageIds.contains(record.envelope().messageId())) {
      return false;
    }
    JobEntry entry = entries.getOrDefault(record.jobId(), JobEntry.EMPTY);
    JobRecord held = entry.record();
    if (held != null
        && record.updatedAt() != null
        && held.updatedAt() != null
        && record.updatedAt().isBefore(held.updatedAt())) {
      return false;
    }
    entries.put(record.jobId(), entry.withRecord(record));
    return true;
  }

  /** Stores a record this instance is about to write; it is the newest by construction. */
  synchronized void putOwn(JobRecord record) {
    if (record.envelope() != null) {
      ownMessageIds.add(record.envelope().messageId());
    }
    entries.merge(
        record.jobId(), JobEntry.EMPTY.withRecord(record), (old, fresh) -> old.withRecord(record));
  }

  /** Keeps the rollout if it is the job's newest step. */
  public synchronized JobEntry applyRollout(Rollout rollout) {
    JobEntry entry = entries.getOrDefault(rollout.jobId(), JobEntry.EMPTY);
    if (entry.progress() == null || rollout.step() > entry.progress().step()) {
      entry = entry.withProgress(Progress.of(rollout));
      entries.put(rollout.jobId(), entry);
    }
    return entry;
  }

  /** Keeps the checkpoint if it is the job's newest version. */
  public synchronized JobEntry applyCheckpoint(CheckpointEvent checkpoint) {
    JobEntry entry = entries.getOrDefault(checkpoint.jobId(), JobEntry.EMPTY);
    if (entry.checkpoint() == null || checkpoint.version() >= entry.checkpoint().version()) {
      entry = entry.withCheckpoint(checkpoint);
      entries.put(checkpoint.jobId(), entry);
    }
    return entry;
  }

  synchronized void markProgressWritten(String jobId, Instant at) {
    entries.computeIfPresent(jobId, (id, entry) -> entry.withLastProgressWrite(at));
  }

  /** The job, if its record is known. */
  public synchronized Optional<JobEntry> find(String jobId) {
    return Optional.ofNullable(entries.get(jobId)).filter(e -> e.record() != null);
  }

  /** Every job whose record is known, newest submission first. */
  public synchronized List<JobEntry> all() {
    Comparator<JobEntry> bySubmission =
        Comparator.comparing(
            (JobEntry e) -> e.record().submittedAt(),
            Comparator.nullsFirst(Comparator.naturalOrder()));
    return entries.values().stream()
        .filter(e -> e.record() != null)
        .sorted(bySubmission.reversed().thenComparing(e -> e.record().jobId()))
        .toList();
  }
}
