package dev.tempered.gateway.job;

/** The jobs topic did not acknowledge a job record in time. */
public class JobPublishException extends RuntimeException {

  public JobPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
