package dev.tempered.gateway.job;

/** An {@code Idempotency-Key} was sent again with a different job spec. */
public class IdempotencyConflictException extends RuntimeException {

  private final String key;
  private final String jobId;

  public IdempotencyConflictException(String key, String jobId) {
    super(
        "Idempotency-Key '"
            + key
            + "' was first used for job '"
            + jobId
            + "' with a different job spec");
    this.key = key;
    this.jobId = jobId;
  }

  public String key() {
    return key;
  }

  public String jobId() {
    return jobId;
  }
}
