package dev.tempered.api.job;

/** Lifecycle of a job as DESIGN.md section 7 names it. */
public enum JobState {
  QUEUED,
  VALIDATING,
  RUNNING,
  PAUSED,
  SUCCEEDED,
  FAILED,
  CANCELLING,
  CANCELLED;

  /** True once the job can change no more. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
