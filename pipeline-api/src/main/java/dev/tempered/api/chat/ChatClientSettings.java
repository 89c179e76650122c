package dev.tempered.api.chat;

import java.net.URI;
import java.time.Duration;

/**
 * How a {@link ChatCompletionsClient} calls its endpoint.
 *
 * @param url the chat-completions endpoint
 * @param apiKey sent as {@code Authorization: Bearer} when set
 * @param timeout per HTTP attempt: connecting and waiting for the response headers
 * @param maxAttempts attempts per request, the first included (1 = no retry)
 * @param initialBackoff the wait before the second attempt
 * @param backoffMultiplier each further wait is the previous one times this
 */
public record ChatClientSettings(
    URI url,
    String apiKey,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    double backoffMultiplier) {

  public ChatClientSettings {
    if (url == null) {
      throw new IllegalArgumentException("the chat-completions url is not set");
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "the chat-completions timeout must be > 0, was " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "chat-completions max-attempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "chat-completions initial-backoff must be >= 0, was " + initialBackoff);
    }
    if (!(backoffMultiplier >= 1)) {
      throw new IllegalArgumentException(
          "chat-completions backoff-multiplier must be >= 1, was " + backoffMultiplier);
    }
  }
}
