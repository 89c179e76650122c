package dev.tempered.sampler.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response body of {@code POST /v1/chat/completions}, field for field OpenAI's {@code
 * chat.completion} object; {@code system_fingerprint} names the model and policy version that
 * answered ({@code stories260K@v3}).
 */
public record ChatCompletion(
    String id,
    String object,
    long created,
    String model,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    List<Choice> choices,
    Usage usage) {

  /** One completion. */
  public record Choice(
      int index, Message message, @JsonProperty("finish_reason") String finishReason) {}

  /** The assistant's reply. */
  public record Message(String role, String content) {}

  /** Token counts: the prompt once (BOS included), the completions of all choices summed. */
  public record Usage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("total_tokens") int totalTokens) {}
}
