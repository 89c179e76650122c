package dev.tempered.noise.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds word spans in a text: letter runs for dictionary look-ups, whitespace tokens for dropout.
 */
final class Words {

  private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
  private static final Pattern TOKENS = Pattern.compile("\\S+");

  /** A word and its [start, end) offsets in the text. */
  record Span(int start, int end, String text) {}

  private Words() {}

  static List<Span> letterRuns(String text) {
    return find(LETTERS, text);
  }

  static List<Span> tokens(String text) {
    return find(TOKENS, text);
  }

  private static List<Span> find(Pattern pattern, String text) {
    List<Span> spans = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new Span(m.start(), m.end(), m.group()));
    }
    return spans;
  }
}
