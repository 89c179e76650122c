package dev.tempered.gateway.security;

/** What a key may do; {@link #ADMIN} may do everything. */
public enum Role {
  /** Read jobs, their events, checkpoints and reports. */
  READ,
  /** Submit jobs and pause, resume or cancel them. */
  SUBMIT,
  /** Everything. */
  ADMIN
}
