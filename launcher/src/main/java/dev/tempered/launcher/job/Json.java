package dev.tempered.launcher.job;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lenient reads of the gateway's JSON: a field that is missing, null or not a number reads as
 * empty, so an older or newer gateway never breaks the launcher's output.
 */
public final class Json {

  /** One mapper for the launcher; Jackson 3 mappers are immutable and thread-safe. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /**
   * The node at a dotted path such as {@code metrics.kl}; a missing node when any part is absent.
   */
  public static JsonNode at(JsonNode node, String dottedPath) {
    JsonNode current = node;
    for (String part : dottedPath.split("\\.")) {
      current = current.path(part);
    }
    return current;
  }

  public static OptionalDouble number(JsonNode node, String dottedPath) {
    JsonNode value = at(node, dottedPath);
    return value.isNumber() ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
  }

  public static OptionalLong integer(JsonNode node, String dottedPath) {
    JsonNode value = at(node, dottedPath);
    if (!value.isNumber()) {
      return OptionalLong.empty();
    }
    // Jackson 3 refuses a lossy longValue(), so a 3.0 arrives as a double.
    return OptionalLong.of(
        value.isIntegralNumber() ? value.longValue() : (long) value.doubleValue());
  }

  /** The text at the path, or {@code fallback} when it is missing or not a string. */
  public static String text(JsonNode node, String dottedPath, String fallback) {
    JsonNode value = at(node, dottedPath);
    return value.isString() ? value.stringValue() : fallback;
  }
}
