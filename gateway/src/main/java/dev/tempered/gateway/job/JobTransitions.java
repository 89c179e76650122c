package dev.tempered.gateway.job;

import dev.tempered.api.job.JobState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The job state machine of DESIGN.md section 7: QUEUED → VALIDATING → RUNNING ⇄ PAUSED → SUCCEEDED
 * | FAILED, and any non-terminal state → CANCELLING → CANCELLED.
 */
public final class JobTransitions {

  private static final Map<JobState, Set<JobState>> NEXT = new EnumMap<>(JobState.class);

  static {
    NEXT.put(
        JobState.QUEUED, EnumSet.of(JobState.VALIDATING, JobState.FAILED, JobState.CANCELLING));
    NEXT.put(
        JobState.VALIDATING, EnumSet.of(JobState.RUNNING, JobState.FAILED, JobState.CANCELLING));
    NEXT.put(
        JobState.RUNNING,
        EnumSet.of(JobState.PAUSED, JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLING));
    // A paused job finishes only after it is resumed; it can still fail or be cancelled.
    NEXT.put(JobState.PAUSED, EnumSet.of(JobState.RUNNING, JobState.FAILED, JobState.CANCELLING));
    NEXT.put(JobState.CANCELLING, EnumSet.of(JobState.CANCELLED));
    NEXT.put(JobState.SUCCEEDED, EnumSet.noneOf(JobState.class));
    NEXT.put(JobState.FAILED, EnumSet.noneOf(JobState.class));
    NEXT.put(JobState.CANCELLED, EnumSet.noneOf(JobState.class));
  }

  private JobTransitions() {}

  /** Whether a job in state {@code from} may move to {@code to}. */
  public static boolean allowed(JobState from, JobState to) {
    return NEXT.get(from).contains(to);
  }

  /** The states a job in {@code from} may move to. */
  public static Set<JobState> next(JobState from) {
    return EnumSet.copyOf(NEXT.get(from));
  }
}
