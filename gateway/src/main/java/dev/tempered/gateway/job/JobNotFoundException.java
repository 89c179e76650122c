package dev.tempered.gateway.job;

/** No job with the requested id is known. */
public class JobNotFoundException extends RuntimeException {

  private final String jobId;

  public JobNotFoundException(String jobId) {
    super("no job with id '" + jobId + "'");
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
