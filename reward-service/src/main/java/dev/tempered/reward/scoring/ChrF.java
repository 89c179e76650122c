package dev.tempered.reward.scoring;

import java.util.HashMap;
import java.util.Map;

/**
 * Sentence-level character n-gram F-score (chrF, Popović 2015) following sacreBLEU 2.x's {@code
 * CHRF} class, scaled to [0,1] instead of sacreBLEU's [0,100].
 *
 * <p>What sacreBLEU does, and so what this does: whitespace is removed before character n-grams are
 * extracted; for each order n = 1..charOrder the hypothesis, reference and clipped match counts
 * give a precision and a recall. With the defaults ({@code eps_smoothing=False}) precision and
 * recall are averaged over the <em>effective</em> orders only (orders where both sides have
 * n-grams) and one F-beta is taken of the two averages. With {@code eps_smoothing=True} an F-beta
 * is taken per order, orders without n-grams contribute a precision/recall of 1e-16, and the
 * F-betas are averaged over all charOrder orders (the chrF++.py / NLTK / Moses convention). Strings
 * are compared by Unicode code point, as Python strings are. Word n-grams (chrF++) are not
 * supported: word order is 0.
 */
public final class ChrF {

  /** sacreBLEU's default character n-gram order. */
  public static final int DEFAULT_CHAR_ORDER = 6;

  /** sacreBLEU's default beta: recall weighted twice as much as precision. */
  public static final double DEFAULT_BETA = 2.0;

  /** The value sacreBLEU substitutes for the precision/recall of an order without n-grams. */
  static final double EPSILON = 1e-16;

  private static final ChrF SACREBLEU_DEFAULTS = new ChrF(DEFAULT_CHAR_ORDER, DEFAULT_BETA, false);

  private final int charOrder;
  private final double beta;
  private final boolean epsSmoothing;

  /**
   * A chrF scorer.
   *
   * @param charOrder the largest character n-gram order, at least 1
   * @param beta the recall weight, positive
   * @param epsSmoothing sacreBLEU's {@code eps_smoothing} switch (false by default there)
   */
  public ChrF(int charOrder, double beta, boolean epsSmoothing) {
    if (charOrder < 1) {
      throw new IllegalArgumentException("chrF charOrder must be >= 1, was " + charOrder);
    }
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("chrF beta must be a finite number > 0, was " + beta);
    }
    this.charOrder = charOrder;
    this.beta = beta;
    this.epsSmoothing = epsSmoothing;
  }

  /** sacreBLEU's {@code CHRF()} defaults: char order 6, word order 0, beta 2, no eps smoothing. */
  public static ChrF sacreBleuDefaults() {
    return SACREBLEU_DEFAULTS;
  }

  /**
   * Corpus-free helper for one hypothesis against one reference with sacreBLEU's defaults, e.g. for
   * scoring held-out answers: equals {@code CHRF().sentence_score(hypothesis, [reference]).score /
   * 100}.
   */
  public static double sentence(String hypothesis, String reference) {
    return SACREBLEU_DEFAULTS.score(hypothesis, reference);
  }

  /** chrF of {@code hypothesis} against {@code reference}, in [0,1]. */
  public double score(String hypothesis, String reference) {
    if (hypothesis == null || reference == null) {
      throw new IllegalArgumentException(
          "chrF needs a hypothesis and a reference, got "
              + (hypothesis == null ? "no hypothesis" : "no reference"));
    }
    int[] hyp = withoutWhitespace(hypothesis);
    int[] ref = withoutWhitespace(reference);
    double factor = beta * beta;
    double precisionSum = 0;
    double recallSum = 0;
    double fScoreSum = 0;
    int effectiveOrder = 0;
    for (int n = 1; n <= charOrder; n++) {
      Map<String, Integer> refGrams = ngrams(ref, n);
      Map<String, Integer> hypGrams = ngrams(hyp, n);
      int refCount = total(refGrams);
      // sacreBLEU reports no hypothesis n-grams for an order the reference lacks.
      int hypCount = refGrams.isEmpty() ? 0 : total(hypGrams);
      int matches = matches(hypGrams, refGrams);
      double precision = hypCount > 0 ? (double) matches / hypCount : EPSILON;
      double recall = refCount > 0 ? (double) matches / refCount : EPSILON;
      double denominator = factor * precision + recall;
      fScoreSum += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPSILON;
      if (hypCount > 0 && refCount > 0) {
        precisionSum += precision;
        recallSum += recall;
        effectiveOrder++;
      }
    }
    if (epsSmoothing) {
      return fScoreSum / charOrder;
    }
    if (effectiveOrder == 0) {
      return 0.0;
    }
    double precision = precisionSum / effectiveOrder;
    double recall = recallSum / effectiveOrder;
    if (precision + recall == 0) {
      return 0.0;
    }
    return (1 + factor) * precision * recall / (factor * precision + recall);
  }

  /**
   * The code points of {@code text} without whitespace. Python's {@code str.split()} also treats
   * no-break spaces as whitespace, which {@link Character#isWhitespace(int)} alone does not.
   */
  static int[] withoutWhitespace(String text) {
    return text.codePoints()
        .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
        .toArray();
  }

  private static Map<String, Integer> ngrams(int[] codePoints, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + n <= codePoints.length; start++) {
      counts.merge(new String(codePoints, start, n), 1, Integer::sum);
    }
    return counts;
  }

  private static int total(Map<String, Integer> counts) {
    int sum = 0;
    for (int count : counts.values()) {
      sum += count;
    }
    return sum;
  }

  private static int matches(Map<String, Integer> hyp, Map<String, Integer> ref) {
    int sum = 0;
    for (Map.Entry<String, Integer> gram : hyp.entrySet()) {
      Integer inRef = ref.get(gram.getKey());
      if (inRef != null) {
        sum += Math.min(gram.getValue(), inRef);
      }
    }
    return sum;
  }
}
