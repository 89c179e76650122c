package dev.tempered.trainer.training;

/**
 * A result the broker did not acknowledge. It says nothing about the job itself (the broker may be
 * restarting), so the trainer logs it and goes on instead of giving the job up.
 */
public final class PublishFailure extends RuntimeException {

  public PublishFailure(String what, Throwable cause) {
    super("could not publish " + what + ": " + cause.getMessage(), cause);
  }
}
