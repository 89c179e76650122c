package dev.tempered.reward.judge;

import dev.tempered.api.chat.ChatClientSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code llm-judge} component under {@code tempered.reward.judge}.
 *
 * @param url the chat-completions endpoint; by default the sampler's own on its default port
 * @param model the {@code model} of every request ({@code job:<jobId>} or a base model name for the
 *     sampler)
 * @param apiKey sent as {@code Authorization: Bearer} when set
 * @param promptTemplate the user message; {@code {prompt}}, {@code {candidate}} and {@code
 *     {reference}} are replaced by the candidate's prompt, its text and the reference
 * @param timeout per HTTP attempt: connecting and waiting for the response headers
 * @param maxAttempts attempts per candidate, the first included (1 = no retry)
 * @param initialBackoff the wait before the second attempt
 * @param backoffMultiplier each further wait is the previous one times this
 * @param temperature of the judge's reply (0: greedy, so replies and the cache are deterministic)
 * @param maxTokens of the judge's reply
 * @param seed sent when set, for endpoints that sample even at temperature 0
 * @param cacheSize scored inputs remembered (least recently used evicted)
 */
@ConfigurationProperties("tempered.reward.judge")
public record LlmJudgeProperties(
    @DefaultValue("http://localhost:8082/v1/chat/completions") URI url,
    @DefaultValue("stories260K") String model,
    String apiKey,
    @DefaultValue(JudgePrompt.DEFAULT_TEMPLATE) String promptTemplate,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("200ms") Duration initialBackoff,
    @DefaultValue("2.0") double backoffMultiplier,
    @DefaultValue("0") double temperature,
    @DefaultValue("8") int maxTokens,
    Long seed,
    @DefaultValue("10000") int cacheSize) {

  public LlmJudgeProperties {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "tempered.reward.judge.timeout must be > 0, was " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "tempered.reward.judge.max-attempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "tempered.reward.judge.initial-backoff must be >= 0, was " + initialBackoff);
    }
    if (!(backoffMultiplier >= 1)) {
      throw new IllegalArgumentException(
          "tempered.reward.judge.backoff-multiplier must be >= 1, was " + backoffMultiplier);
    }
    if (maxTokens < 1 || cacheSize < 0) {
      throw new IllegalArgumentException(
          "tempered.reward.judge.max-tokens must be >= 1 and cache-size >= 0");
    }
    new JudgePrompt(promptTemplate);
  }

  /** How the judge's HTTP client calls {@link #url()}. */
  public ChatClientSettings client() {
    return new ChatClientSettings(
        url, apiKey, timeout, maxAttempts, initialBackoff, backoffMultiplier);
  }
}
