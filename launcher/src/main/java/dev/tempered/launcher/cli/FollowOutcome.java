package dev.tempered.launcher.cli;

import dev.tempered.launcher.job.JobSnapshot;
import dev.tempered.launcher.job.RobustnessReport;
import java.util.Optional;

/**
 * How following a job ended.
 *
 * @param job the job's view after the stream ended (or at the deadline)
 * @param report its robustness report, if the gateway had one
 * @param timedOut true when the job had not ended at the deadline
 */
public record FollowOutcome(JobSnapshot job, Optional<RobustnessReport> report, boolean timedOut) {

  public boolean succeeded() {
    return !timedOut && "SUCCEEDED".equals(job.state());
  }

  /** {@code submit --wait}'s exit status: 0 succeeded, 2 cancelled, 1 failed or timed out. */
  public int exitCode() {
    if (succeeded()) {
      return 0;
    }
    return !timedOut && "CANCELLED".equals(job.state()) ? 2 : 1;
  }
}
