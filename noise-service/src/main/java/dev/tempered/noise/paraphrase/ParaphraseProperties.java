package dev.tempered.noise.paraphrase;

import dev.tempered.api.chat.ChatClientSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code paraphrase} operator under {@code tempered.noise.paraphrase}.
 *
 * @param url the chat-completions endpoint; by default the sampler's on its default port
 * @param model the {@code model} of every request; unset means the job's base model
 * @param apiKey sent as {@code Authorization: Bearer} when set
 * @param promptTemplate the user message; {@code {text}} is replaced by the clean prompt
 * @param temperature of the sampled paraphrase
 * @param maxTokens of the paraphrase
 * @param timeout per HTTP attempt: connecting and waiting for the response headers
 * @param maxAttempts attempts per prompt, the first included (1 = no retry)
 * @param initialBackoff the wait before the second attempt
 * @param backoffMultiplier each further wait is the previous one times this
 */
@ConfigurationProperties("tempered.noise.paraphrase")
public record ParaphraseProperties(
    @DefaultValue("http://localhost:8082/v1/chat/completions") URI url,
    String model,
    String apiKey,
    @DefaultValue(ParaphraseProperties.DEFAULT_TEMPLATE) String promptTemplate,
    @DefaultValue("0.8") double temperature,
    @DefaultValue("64") int maxTokens,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("2") int maxAttempts,
    @DefaultValue("200ms") Duration initialBackoff,
    @DefaultValue("2.0") double backoffMultiplier) {

  public static final String DEFAULT_TEMPLATE =
      "Rewrite the text in other words, keeping its meaning.\nText: {text}\nRewritten:";

  public ParaphraseProperties {
    if (promptTemplate == null || !promptTemplate.contains("{text}")) {
      throw new IllegalArgumentException(
          "tempered.noise.paraphrase.prompt-template must contain {text}, was " + promptTemplate);
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException(
          "tempered.noise.paraphrase.temperature must be in [0, 2], was " + temperature);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException(
          "tempered.noise.paraphrase.max-tokens must be >= 1, was " + maxTokens);
    }
  }

  /** How the HTTP client calls {@link #url()}. */
  public ChatClientSettings client() {
    return new ChatClientSettings(
        url, apiKey, timeout, maxAttempts, initialBackoff, backoffMultiplier);
  }
}
