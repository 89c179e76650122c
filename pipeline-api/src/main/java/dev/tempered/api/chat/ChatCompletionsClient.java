package dev.tempered.api.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one chat-completions request body and returns the first choice's message content, retrying
 * timeouts, unreachable endpoints, 408, 429 and 5xx with exponential back-off (other statuses and
 * malformed bodies are not retried: asking again would not change them).
 */
public final class ChatCompletionsClient {

  private final URI url;
  private final String apiKey;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double backoffMultiplier;
  private final Runnable onAttempt;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * @param onAttempt told before every HTTP request, retries included (for the requests counter)
   */
  public ChatCompletionsClient(ChatClientSettings settings, Runnable onAttempt) {
    this.url = settings.url();
    this.apiKey = settings.apiKey();
    this.timeout = settings.timeout();
    this.maxAttempts = settings.maxAttempts();
    this.initialBackoff = settings.initialBackoff();
    this.backoffMultiplier = settings.backoffMultiplier();
    this.onAttempt = onAttempt;
    // HTTP/1.1: no h2c upgrade attempt, which some OpenAI-compatible servers mishandle.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /**
   * The content of {@code choices[0].message} of the completion for {@code body}.
   *
   * @throws ChatFailure after the last attempt failed, or at once for a non-retryable failure
   */
  public String complete(String body) throws ChatFailure {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(body);
      } catch (ChatFailure failure) {
        if (attempt >= maxAttempts || !retryable(failure)) {
          throw attempt == 1
              ? failure
              : new ChatFailure(
                  failure.reason(),
                  failure.getMessage() + " (after " + attempt + " attempts)",
                  failure.getCause());
        }
      }
      sleep(backoff);
      backoff = Duration.ofNanos((long) (backoff.toNanos() * backoffMultiplier));
    }
  }

  private String attempt(String body) throws ChatFailure {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    onAttempt.run();
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ChatFailure(
          ChatFailure.Reason.TIMEOUT, url + " gave no response within " + timeout, e);
    } catch (IOException e) {
      throw new ChatFailure(ChatFailure.Reason.UNAVAILABLE, url + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatFailure(ChatFailure.Reason.UNAVAILABLE, "interrupted calling " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new StatusFailure(
          response.statusCode(),
          url + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return content(response.body());
  }

  private String content(String body) throws ChatFailure {
    try {
      Map<?, ?> completion = json.readValue(body, Map.class);
      if (completion.get("choices") instanceof List<?> choices
          && !choices.isEmpty()
          && choices.get(0) instanceof Map<?, ?> choice
          && choice.get("message") instanceof Map<?, ?> message
          && message.get("content") instanceof String content) {
        return content;
      }
    } catch (JacksonException e) {
      throw new ChatFailure(
          ChatFailure.Reason.BAD_RESPONSE, url + " answered a body that is not JSON", e);
    }
    throw new ChatFailure(
        ChatFailure.Reason.BAD_RESPONSE,
        url + " answered without choices[0].message.content: " + abbreviate(body));
  }

  private static boolean retryable(ChatFailure failure) {
    return switch (failure.reason()) {
      case TIMEOUT, UNAVAILABLE -> true;
      case HTTP_STATUS ->
          failure instanceof StatusFailure s
              && (s.status == 408 || s.status == 429 || s.status >= 500);
      default -> false;
    };
  }

  private static void sleep(Duration backoff) throws ChatFailure {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatFailure(ChatFailure.Reason.UNAVAILABLE, "interrupted in back-off", e);
    }
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** An HTTP status failure that remembers the status for the retry decision. */
  private static final class StatusFailure extends ChatFailure {
    private final int status;

    StatusFailure(int status, String message) {
      super(Reason.HTTP_STATUS, message);
      this.status = status;
    }
  }
}
