package dev.tempered.reward.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L F1 (Lin 2004) as Google's {@code rouge-score} computes {@code rougeL} without stemming:
 * text is lowercased and its tokens are the maximal runs of ASCII letters and digits; precision is
 * LCS / prediction tokens, recall LCS / target tokens, F1 their harmonic mean, and 0 when either
 * side has no tokens.
 */
public final class RougeL {

  private RougeL() {}

  /**
   * The tokens rouge-score's default tokenizer produces: {@code text.lower()}, every run of
   * characters outside {@code [a-z0-9]} a separator. Lowercasing is Unicode-wide as in Python, so
   * e.g. the Kelvin sign becomes a {@code k}.
   */
  public static List<String> tokenize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alphanumeric && start < 0) {
        start = i;
      } else if (!alphanumeric && start >= 0) {
        tokens.add(lower.substring(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      tokens.add(lower.substring(start));
    }
    return tokens;
  }

  /** ROUGE-L F1 of {@code prediction} against {@code target}, as {@code score(target, pred)}. */
  public static double f1(String prediction, String target) {
    if (prediction == null || target == null) {
      throw new IllegalArgumentException("ROUGE-L needs a prediction and a target");
    }
    List<String> pred = tokenize(prediction);
    List<String> ref = tokenize(target);
    if (pred.isEmpty() || ref.isEmpty()) {
      return 0.0;
    }
    int lcs = lcsLength(ref, pred);
    double precision = (double) lcs / pred.size();
    double recall = (double) lcs / ref.size();
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }

  /** Length of the longest common subsequence, by dynamic programming over two rows. */
  static int lcsLength(List<String> a, List<String> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        current[j] =
            a.get(i - 1).equals(b.get(j - 1))
                ? previous[j - 1] + 1
                : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.size()];
  }
}
