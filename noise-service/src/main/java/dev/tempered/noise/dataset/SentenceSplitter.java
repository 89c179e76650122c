package dev.tempered.noise.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a paragraph into sentences at {@code .}, {@code !} or {@code ?} followed by whitespace; a
 * closing quote or bracket right after the mark stays with its sentence, so dialogue such as {@code
 * "Wow!" said Tom.} keeps its quote.
 */
public final class SentenceSplitter {

  private static final Pattern END = Pattern.compile("[.!?][\"'\u201d\u2019)]*(?=\\s|$)");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private SentenceSplitter() {}

  /**
   * The complete sentences of {@code paragraph}, whitespace inside each collapsed to single spaces.
   * A trailing fragment without an end mark is not a sentence and is left out.
   */
  public static List<String> split(String paragraph) {
    String text = WHITESPACE.matcher(paragraph).replaceAll(" ").strip();
    List<String> sentences = new ArrayList<>();
    Matcher end = END.matcher(text);
    int start = 0;
    while (end.find()) {
      String sentence = text.substring(start, end.end()).strip();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
      start = end.end();
    }
    return sentences;
  }

  /** Number of whitespace-separated words in {@code text}. */
  public static int wordCount(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? 0 : WHITESPACE.split(stripped).length;
  }
}
