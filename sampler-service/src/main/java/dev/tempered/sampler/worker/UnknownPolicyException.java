package dev.tempered.sampler.worker;

/** Thrown when a request names a job or base model this sampler cannot serve. */
public final class UnknownPolicyException extends RuntimeException {

  public UnknownPolicyException(String message) {
    super(message);
  }
}
