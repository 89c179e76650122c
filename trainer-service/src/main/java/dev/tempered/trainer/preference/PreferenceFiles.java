package dev.tempered.trainer.preference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * Reads preference pairs from JSON lines ({@code .jsonl}, or gzipped {@code .jsonl.gz}), one pair a
 * line, in either layout:
 *
 * <ul>
 *   <li>standard: {@code chosen} and {@code rejected} strings, with a {@code prompt} string or
 *       without one (implicit prompt: the longest common prefix of the two, as TRL's {@code
 *       extract_prompt}, e.g. Anthropic HH);
 *   <li>chat (OpenAI preference fine-tuning): {@code input.messages}, {@code preferred_output} and
 *       {@code non_preferred_output} as lists of {role, content} messages, rendered by {@link
 *       Transcript}.
 * </ul>
 */
public final class PreferenceFiles {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PreferenceFiles() {}

  /**
   * @throws IllegalArgumentException naming the line and the field of a malformed pair
   */
  public static List<PreferencePair> read(Path file) throws IOException {
    List<PreferencePair> pairs = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (!line.isBlank()) {
          pairs.add(parse(line, file.getFileName() + ":" + number));
        }
      }
    }
    return pairs;
  }

  static PreferencePair parse(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (node.has("preferred_output") || node.has("non_preferred_output")) {
      return new PreferencePair(
          Transcript.prompt(messages(node.path("input").path("messages"), where, "input.messages")),
          Transcript.reply(messages(node.get("preferred_output"), where, "preferred_output")),
          Transcript.reply(
              messages(node.get("non_preferred_output"), where, "non_preferred_output")));
    }
    String chosen = text(node, "chosen", where);
    String rejected = text(node, "rejected", where);
    if (node.has("prompt")) {
      return new PreferencePair(text(node, "prompt", where), chosen, rejected);
    }
    int split = commonPrefix(chosen, rejected);
    return new PreferencePair(
        chosen.substring(0, split), chosen.substring(split), rejected.substring(split));
  }

  /**
   * Where the implicit prompt ends: at the first differing character, moved before a space that
   * precedes it so the completions keep their leading space (TRL's rule). Identical texts give the
   * whole text as prompt and empty completions.
   */
  static int commonPrefix(String chosen, String rejected) {
    int n = Math.min(chosen.length(), rejected.length());
    int i = 0;
    while (i < n && chosen.charAt(i) == rejected.charAt(i)) {
      i++;
    }
    if (i < n && i > 0 && chosen.charAt(i - 1) == ' ') {
      i--;
    }
    return i;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException(
          where
              + ": field '"
              + field
              + "' must be a string (layouts: chosen/rejected[/prompt] or"
              + " input.messages/preferred_output/non_preferred_output)");
    }
    return value.stringValue();
  }

  private static List<Transcript.Message> messages(JsonNode list, String where, String field) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a message list");
    }
    List<Transcript.Message> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode m = list.get(i);
      if (!m.path("role").isString() || !m.path("content").isString()) {
        throw new IllegalArgumentException(
            where + ": " + field + "[" + i + "] needs string 'role' and 'content'");
      }
      out.add(new Transcript.Message(m.get("role").stringValue(), m.get("content").stringValue()));
    }
    return out;
  }
}
