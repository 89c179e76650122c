package dev.tempered.noise.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real human misspellings by correct word, read from a {@code {correct: [misspellings...]}} JSON
 * file such as {@code data/misspellings/spell_errors.json}.
 */
public final class Misspellings {

  /** Where the file lives under the data root. */
  public static final String DEFAULT_PATH = "misspellings/spell_errors.json";

  private final Map<String, List<String>> variants;

  private Misspellings(Map<String, List<String>> variants) {
    this.variants = variants;
  }

  /** Reads the JSON file at {@code file}. */
  public static Misspellings load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, List<String>> raw =
          JsonMapper.builder()
              .build()
              .readValue(in, new TypeReference<Map<String, List<String>>>() {});
      return of(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read misspellings " + file + ": " + e.getMessage(), e);
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(
          "misspellings file "
              + file
              + " must be a JSON object {correct: [misspellings...]}: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Builds the table from {@code raw}. Keys are matched case-insensitively; the corpus writes split
   * words with '_' (e.g. {@code a_bout}), which become spaces; variants equal to their correct word
   * are left out because they change nothing.
   */
  public static Misspellings of(Map<String, List<String>> raw) {
    Map<String, Set<String>> merged = new HashMap<>();
    raw.forEach(
        (correct, list) -> {
          String key = correct.toLowerCase(Locale.ROOT);
          for (String variant : list == null ? List.<String>of() : list) {
            String cleaned = variant.replace('_', ' ').strip();
            if (!cleaned.isEmpty() && !cleaned.equalsIgnoreCase(key)) {
              merged.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(cleaned);
            }
          }
        });
    Map<String, List<String>> table = new HashMap<>();
    merged.forEach((k, v) -> table.put(k, List.copyOf(v)));
    return new Misspellings(Map.copyOf(table));
  }

  /** The misspellings of {@code word}, ignoring case; empty when none are known. */
  public List<String> of(String word) {
    return variants.getOrDefault(word.toLowerCase(Locale.ROOT), List.of());
  }

  /** Number of correct words that have at least one misspelling. */
  public int size() {
    return variants.size();
  }
}
