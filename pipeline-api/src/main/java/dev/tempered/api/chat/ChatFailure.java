package dev.tempered.api.chat;

import java.util.Locale;

/** Why a chat-completions request gave no message content. */
public class ChatFailure extends Exception {

  /** The failure kinds, also the {@code reason} tag of the callers' failure counters. */
  public enum Reason {
    /** No response headers within the timeout. */
    TIMEOUT,
    /** The endpoint could not be reached (connection refused, reset, DNS). */
    UNAVAILABLE,
    /** The endpoint answered with a status other than 200. */
    HTTP_STATUS,
    /** A 200 whose body is not a chat completion with a message content. */
    BAD_RESPONSE;

    public String tag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;

  public ChatFailure(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ChatFailure(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
