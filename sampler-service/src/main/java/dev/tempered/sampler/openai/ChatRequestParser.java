package dev.tempered.sampler.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a chat-completions request body (as Jackson's untyped map) and rejects bad input with an
 * error that names the field, as OpenAI's {@code param} does.
 */
public final class ChatRequestParser {

  /** The most completions per request: they share the sampler's one model thread. */
  public static final int MAX_N = 16;

  /** OpenAI's limit on stop sequences. */
  public static final int MAX_STOP = 4;

  private static final List<String> ROLES =
      List.of("system", "developer", "user", "assistant", "tool");

  private ChatRequestParser() {}

  public static ChatRequest parse(Map<String, Object> body) {
    if (body == null) {
      throw OpenAiException.invalid(null, "the request body must be a JSON object");
    }
    if (Boolean.TRUE.equals(body.get("stream"))) {
      throw OpenAiException.invalid("stream", "streaming is not supported; omit stream");
    }
    if (Boolean.TRUE.equals(body.get("logprobs"))) {
      throw OpenAiException.invalid("logprobs", "logprobs are not supported; omit logprobs");
    }
    String model = string(body, "model");
    if (model == null || model.isBlank()) {
      throw OpenAiException.invalid("model", "model is required: job:<jobId> or a model name");
    }
    double temperature = number(body, "temperature", 1.0);
    if (!(temperature >= 0 && temperature <= 2)) {
      throw OpenAiException.invalid("temperature", "temperature must be in [0, 2]");
    }
    double topP = number(body, "top_p", 1.0);
    if (!(topP > 0 && topP <= 1)) {
      throw OpenAiException.invalid("top_p", "top_p must be in (0, 1]");
    }
    String budgetField =
        body.get("max_completion_tokens") != null ? "max_completion_tokens" : "max_tokens";
    Long maxTokens = integer(body, budgetField);
    if (maxTokens != null && (maxTokens < 1 || maxTokens > Integer.MAX_VALUE)) {
      throw OpenAiException.invalid(budgetField, budgetField + " must be >= 1");
    }
    Long n = integer(body, "n");
    if (n != null && (n < 1 || n > MAX_N)) {
      throw OpenAiException.invalid("n", "n must be in [1, " + MAX_N + "]");
    }
    return new ChatRequest(
        model,
        messages(body.get("messages")),
        (float) temperature,
        (float) topP,
        maxTokens == null ? null : maxTokens.intValue(),
        n == null ? 1 : n.intValue(),
        integer(body, "seed"),
        stop(body.get("stop")));
  }

  private static List<String> messages(Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw OpenAiException.invalid("messages", "messages must be a non-empty array");
    }
    List<String> contents = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "messages[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> message)) {
        throw OpenAiException.invalid(at, at + " must be an object with role and content");
      }
      Object role = message.get("role");
      if (!(role instanceof String r) || !ROLES.contains(r)) {
        throw OpenAiException.invalid(at + ".role", at + ".role must be one of " + ROLES);
      }
      contents.add(content(message.get("content"), at + ".content"));
    }
    return contents;
  }

  /** A string, or an array of {@code {"type":"text","text":...}} parts joined without a gap. */
  private static String content(Object value, String at) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof List<?> parts) {
      StringBuilder text = new StringBuilder();
      for (int p = 0; p < parts.size(); p++) {
        if (!(parts.get(p) instanceof Map<?, ?> part)
            || !"text".equals(part.get("type"))
            || !(part.get("text") instanceof String piece)) {
          throw OpenAiException.invalid(
              at + "[" + p + "]", at + "[" + p + "] must be a text part {type: text, text}");
        }
        text.append(piece);
      }
      return text.toString();
    }
    throw OpenAiException.invalid(at, at + " must be a string or an array of text parts");
  }

  private static List<String> stop(Object value) {
    if (value == null) {
      return List.of();
    }
    List<?> items = value instanceof List<?> list ? list : List.of(value);
    if (items.size() > MAX_STOP) {
      throw OpenAiException.invalid("stop", "stop holds at most " + MAX_STOP + " sequences");
    }
    List<String> stops = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof String s) || s.isEmpty()) {
        throw OpenAiException.invalid(
            "stop", "stop must be a non-empty string or an array of them");
      }
      stops.add(s);
    }
    return List.copyOf(stops);
  }

  private static String string(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value != null && !(value instanceof String)) {
      throw OpenAiException.invalid(field, field + " must be a string");
    }
    return (String) value;
  }

  private static double number(Map<String, Object> body, String field, double absent) {
    Object value = body.get(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Number number)) {
      throw OpenAiException.invalid(field, field + " must be a number");
    }
    return number.doubleValue();
  }

  private static Long integer(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw OpenAiException.invalid(field, field + " must be an integer");
    }
    return ((Number) value).longValue();
  }
}
