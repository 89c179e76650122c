package dev.tempered.reward.scoring;

/**
 * Whether a text ends a sentence: its trimmed form ends in {@code .}, {@code !} or {@code ?},
 * optionally followed by one closing {@code "} or {@code '}.
 */
public final class SentenceEnd {

  private SentenceEnd() {}

  /** 1.0 when {@code text} ends a sentence, else 0.0 (also for null or blank text). */
  public static double score(String text) {
    if (text == null) {
      return 0.0;
    }
    String trimmed = text.strip();
    int last = trimmed.length() - 1;
    if (last >= 0 && isClosingQuote(trimmed.charAt(last))) {
      last--;
    }
    return last >= 0 && isTerminal(trimmed.charAt(last)) ? 1.0 : 0.0;
  }

  private static boolean isClosingQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isTerminal(char c) {
    return c == '.' || c == '!' || c == '?';
  }
}
