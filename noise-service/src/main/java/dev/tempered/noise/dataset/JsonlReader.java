package dev.tempered.noise.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON Lines (one object a line, {@code .gz} decompressed) into examples, taking the prompt
 * and the reference from named fields. A field path uses dots for nested objects and numbers for
 * array elements, e.g. {@code input.messages.1.content}.
 */
public final class JsonlReader {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonlReader() {}

  /**
   * Every line of {@code file} as an example; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the file, the line and the field when a line is not a
   *     JSON object or lacks a field, or the field is not a non-blank string
   */
  public static List<Example> read(Path file, String promptField, String referenceField) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Example> examples = new ArrayList<>();
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          String where = file.getFileName() + " line " + number;
          JsonNode row = parse(line, where);
          examples.add(
              new Example(text(row, promptField, where), text(row, referenceField, where)));
        }
      }
      return examples;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(String line, String where) {
    try {
      JsonNode row = JSON.readTree(line);
      if (!row.isObject()) {
        throw new IllegalArgumentException(
            where + ": expected a JSON object, found " + row.getNodeType());
      }
      return row;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The string at {@code path} in {@code row}. */
  static String text(JsonNode row, String path, String where) {
    JsonNode node = row;
    StringBuilder walked = new StringBuilder();
    for (String step : path.split("\\.")) {
      JsonNode next = child(node, step);
      if (next == null || next.isNull()) {
        throw new IllegalArgumentException(
            where + ": no field '" + path + "'" + missingAt(walked, node));
      }
      walked.append(walked.isEmpty() ? "" : ".").append(step);
      node = next;
    }
    if (!node.isString() || node.asString().isBlank()) {
      throw new IllegalArgumentException(
          where + ": field '" + path + "' must be a non-blank string, found " + node.getNodeType());
    }
    return node.asString();
  }

  private static JsonNode child(JsonNode node, String step) {
    if (node.isArray() && step.chars().allMatch(Character::isDigit)) {
      return node.get(Integer.parseInt(step));
    }
    return node.isObject() ? node.get(step) : null;
  }

  // Tell the user what is there instead, so a typo in the field name is easy to spot.
  private static String missingAt(StringBuilder walked, JsonNode node) {
    String at = walked.isEmpty() ? "" : " under '" + walked + "'";
    if (node.isObject()) {
      return at + " (fields there: " + String.join(", ", node.propertyNames()) + ")";
    }
    if (node.isArray()) {
      return at + " (an array of " + node.size() + ")";
    }
    return at + " (a " + node.getNodeType() + " there)";
  }
}
