package dev.tempered.gateway.job;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobEventType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Every job's events in sequence order, and the submissions by idempotency key they record; filled
 * from the job-events topic at start and by this instance's own writes. Thread-safe.
 */
@Component
public class EventLog {

  /** An earlier submission: the job it created and the hash of its spec. */
  public record Submission(String jobId, String specSha256) {}

  private final Map<String, JobHistory> histories = new HashMap<>();
  private final Map<String, Submission> submissions = new HashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Adds the event unless the job's history already has its sequence; listeners hear of an added
   * event's job.
   *
   * @return whether it was added
   */
  public boolean append(JobEvent event) {
    synchronized (this) {
      if (!histories.computeIfAbsent(event.jobId(), id -> new JobHistory()).add(event)) {
        return false;
      }
      if (event.idempotencyKey() != null) {
        submissions.putIfAbsent(
            event.idempotencyKey(), new Submission(event.jobId(), event.specSha256()));
      }
    }
    listeners.forEach(listener -> listener.accept(event.jobId()));
    return true;
  }

  /** The sequence of the job's newest event, 0 when it has none. */
  public synchronized long lastSequence(String jobId) {
    JobHistory history = histories.get(jobId);
    return history == null ? 0 : history.lastSequence();
  }

  /** At most {@code limit} events of the job after sequence {@code after}, oldest first. */
  public synchronized List<JobEvent> after(String jobId, long after, int limit) {
    JobHistory history = histories.get(jobId);
    return history == null ? List.of() : history.after(after, limit);
  }

  /** The job's checkpoint events, oldest first. */
  public synchronized List<JobEvent> checkpoints(String jobId) {
    JobHistory history = histories.get(jobId);
    return history == null ? List.of() : history.ofType(JobEventType.CHECKPOINT);
  }

  synchronized long lastProgressStep(String jobId) {
    JobHistory history = histories.get(jobId);
    return history == null ? 0 : history.lastProgressStep();
  }

  synchronized boolean hasCheckpoint(String jobId, long version) {
    JobHistory history = histories.get(jobId);
    return history != null && history.hasCheckpoint(version);
  }

  /** The job's newest state change. */
  public synchronized Optional<JobEvent> lastState(String jobId) {
    JobHistory history = histories.get(jobId);
    return Optional.ofNullable(history == null ? null : history.lastState());
  }

  /** The submission that used {@code idempotencyKey}, if any. */
  public synchronized Optional<Submission> submission(String idempotencyKey) {
    return Optional.ofNullable(submissions.get(idempotencyKey));
  }

  /**
   * Calls {@code listener} with the job id of every event added from now on, on the adding thread.
   *
   * @return removes the listener
   */
  public Runnable subscribe(Consumer<String> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
