package dev.tempered.reward.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The string operations of Python that the reference metrics (sacreBLEU, rouge-score) rely on,
 * reproduced by code point so that Java gives the same tokens.
 */
final class PythonText {

  /** NEXT LINE (U+0085) is whitespace to Python's {@code str.split()} but not to Java. */
  private static final int NEXT_LINE = 0x85;

  private PythonText() {}

  /**
   * Python's {@code str.isspace()} for one code point: Java's whitespace plus the space separators
   * (no-break spaces included) and NEXT LINE.
   */
  static boolean isWhitespace(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || codePoint == NEXT_LINE;
  }

  /** Python's {@code text.split()}: the runs of non-whitespace, empty strings dropped. */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isWhitespace(cp)) {
        if (start >= 0) {
          words.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(text.substring(start));
    }
    return words;
  }

  /** Python's {@code "".join(text.split())}: the code points of {@code text} without whitespace. */
  static int[] withoutWhitespace(String text) {
    return text.codePoints().filter(cp -> !isWhitespace(cp)).toArray();
  }

  /** Python's {@code text.rstrip()}. */
  static String rstrip(String text) {
    int end = text.length();
    while (end > 0) {
      int cp = text.codePointBefore(end);
      if (!isWhitespace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return text.substring(0, end);
  }
}
