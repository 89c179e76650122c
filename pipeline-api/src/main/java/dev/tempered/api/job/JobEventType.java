package dev.tempered.api.job;

/** What a {@link JobEvent} records. */
public enum JobEventType {
  /** The job moved from one state to another. */
  STATE,
  /** The trainer finished an optimiser step. */
  PROGRESS,
  /** The trainer published a checkpoint. */
  CHECKPOINT
}
