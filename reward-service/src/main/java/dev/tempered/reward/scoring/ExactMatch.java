package dev.tempered.reward.scoring;

/**
 * Exact match: 1 when the candidate equals the reference after both are stripped of surrounding
 * whitespace (Python's {@code str.strip()}), else 0. Stripping is the one difference from Hugging
 * Face's {@code exact_match} defaults, because a sampled continuation usually starts with the space
 * that the tokenizer attaches to its first word.
 */
public final class ExactMatch {

  private ExactMatch() {}

  /** 1.0 when the stripped texts are equal, else 0.0. */
  public static double score(String candidate, String reference) {
    if (candidate == null || reference == null) {
      return 0.0;
    }
    return strip(candidate).equals(strip(reference)) ? 1.0 : 0.0;
  }

  static String strip(String text) {
    int start = 0;
    while (start < text.length() && PythonText.isWhitespace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    return PythonText.rstrip(text.substring(start));
  }
}
