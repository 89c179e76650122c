package dev.tempered.trainer.training;

/** A reason to give a job up, worded as the gateway will show it in the job's error. */
final class JobFailure extends RuntimeException {

  JobFailure(String message) {
    super(message, null, false, false);
  }
}
