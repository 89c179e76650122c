package dev.tempered.gateway.job;

import dev.tempered.api.job.JobState;

/** A command asked for a state change the job's current state does not allow. */
public class IllegalTransitionException extends RuntimeException {

  private final String jobId;
  private final JobState state;
  private final String action;

  public IllegalTransitionException(String jobId, JobState state, String action) {
    super("job '" + jobId + "' is " + state + " and cannot be " + action);
    this.jobId = jobId;
    this.state = state;
    this.action = action;
  }

  public String jobId() {
    return jobId;
  }

  public JobState state() {
    return state;
  }

  public String action() {
    return action;
  }
}
