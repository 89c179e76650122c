package dev.tempered.gateway.labelling;

/** The job has no offered pair with the requested id. */
public class PairNotFoundException extends RuntimeException {

  private final String jobId;
  private final String pairId;

  public PairNotFoundException(String jobId, String pairId) {
    super("job '" + jobId + "' has no pair with id '" + pairId + "'");
    this.jobId = jobId;
    this.pairId = pairId;
  }

  public String jobId() {
    return jobId;
  }

  public String pairId() {
    return pairId;
  }
}
