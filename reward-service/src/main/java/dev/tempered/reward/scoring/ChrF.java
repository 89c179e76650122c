package dev.tempered.reward.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Character n-gram F-score: chrF (Popović 2015) and, with word n-grams, chrF++ (Popović 2017),
 * following sacreBLEU 2.x's {@code CHRF} class and scaled to [0,1] instead of sacreBLEU's [0,100].
 *
 * <p>What sacreBLEU does, and so what this does: whitespace is removed before character n-grams are
 * extracted; for chrF++ the sentence is also split on whitespace into words, and a word of two or
 * more code points loses one ASCII punctuation mark at its end (or, failing that, at its start) to
 * a separate token. For each order (character orders 1..charOrder, then word orders 1..wordOrder)
 * the hypothesis, reference and clipped match counts give a precision and a recall; an order the
 * reference lacks counts no hypothesis n-grams. With the defaults ({@code eps_smoothing=False})
 * precision and recall are averaged over the <em>effective</em> orders only (orders where both
 * sides have n-grams) and one F-beta is taken of the two averages. With {@code eps_smoothing=True}
 * an F-beta is taken per order, orders without n-grams contribute 1e-16, and the F-betas are
 * averaged over all orders (the chrF++.py / NLTK / Moses convention). Strings are compared by
 * Unicode code point, as Python strings are.
 */
public final class ChrF {

  /** sacreBLEU's default character n-gram order. */
  public static final int DEFAULT_CHAR_ORDER = 6;

  /** The word n-gram order that makes chrF into chrF++. */
  public static final int CHRF_PLUS_PLUS_WORD_ORDER = 2;

  /** sacreBLEU's default beta: recall weighted twice as much as precision. */
  public static final double DEFAULT_BETA = 2.0;

  /** The value sacreBLEU substitutes for the precision/recall of an order without n-grams. */
  static final double EPSILON = 1e-16;

  /** sacreBLEU's {@code CHRF._PUNCTS}, i.e. Python's {@code string.punctuation}. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private static final ChrF SACREBLEU_DEFAULTS = new ChrF(DEFAULT_CHAR_ORDER, DEFAULT_BETA, false);

  private final int charOrder;
  private final int wordOrder;
  private final double beta;
  private final boolean epsSmoothing;

  /** A chrF scorer without word n-grams; see {@link #ChrF(int, int, double, boolean)}. */
  public ChrF(int charOrder, double beta, boolean epsSmoothing) {
    this(charOrder, 0, beta, epsSmoothing);
  }

  /**
   * A chrF (wordOrder 0) or chrF++ (wordOrder 2) scorer.
   *
   * @param charOrder the largest character n-gram order, at least 1
   * @param wordOrder the largest word n-gram order, at least 0
   * @param beta the recall weight, positive
   * @param epsSmoothing sacreBLEU's {@code eps_smoothing} switch (false by default there)
   */
  public ChrF(int charOrder, int wordOrder, double beta, boolean epsSmoothing) {
    if (charOrder < 1) {
      throw new IllegalArgumentException("chrF charOrder must be >= 1, was " + charOrder);
    }
    if (wordOrder < 0) {
      throw new IllegalArgumentException("chrF wordOrder must be >= 0, was " + wordOrder);
    }
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("chrF beta must be a finite number > 0, was " + beta);
    }
    this.charOrder = charOrder;
    this.wordOrder = wordOrder;
    this.beta = beta;
    this.epsSmoothing = epsSmoothing;
  }

  /** sacreBLEU's {@code CHRF()} defaults: char order 6, word order 0, beta 2, no eps smoothing. */
  public static ChrF sacreBleuDefaults() {
    return SACREBLEU_DEFAULTS;
  }

  /** sacreBLEU's {@code CHRF(word_order=2)}: chrF++ with every other default. */
  public static ChrF plusPlus(boolean epsSmoothing) {
    return new ChrF(DEFAULT_CHAR_ORDER, CHRF_PLUS_PLUS_WORD_ORDER, DEFAULT_BETA, epsSmoothing);
  }

  /**
   * One hypothesis against one reference with sacreBLEU's defaults: equals {@code
   * CHRF().sentence_score(hypothesis, [reference]).score / 100}.
   */
  public static double sentence(String hypothesis, String reference) {
    return SACREBLEU_DEFAULTS.score(hypothesis, reference);
  }

  /** chrF of {@code hypothesis} against {@code reference}, in [0,1]. */
  public double score(String hypothesis, String reference) {
    return fScore(statistics(hypothesis, reference));
  }

  /**
   * Corpus chrF as sacreBLEU's {@code corpus_score}: the statistics of every pair are summed before
   * one F-score is taken.
   */
  public double corpusScore(List<String> hypotheses, List<String> references) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          hypotheses.size() + " hypotheses but " + references.size() + " references");
    }
    int[] sum = new int[3 * (charOrder + wordOrder)];
    for (int i = 0; i < hypotheses.size(); i++) {
      int[] stats = statistics(hypotheses.get(i), references.get(i));
      for (int j = 0; j < sum.length; j++) {
        sum[j] += stats[j];
      }
    }
    return fScore(sum);
  }

  /**
   * sacreBLEU's segment statistics: for each character order, then each word order, the hypothesis
   * n-grams (0 when the reference has none), the reference n-grams and the matches.
   */
  int[] statistics(String hypothesis, String reference) {
    if (hypothesis == null || reference == null) {
      throw new IllegalArgumentException(
          "chrF needs a hypothesis and a reference, got "
              + (hypothesis == null ? "no hypothesis" : "no reference"));
    }
    int[] stats = new int[3 * (charOrder + wordOrder)];
    int[] hyp = PythonText.withoutWhitespace(hypothesis);
    int[] ref = PythonText.withoutWhitespace(reference);
    for (int n = 1; n <= charOrder; n++) {
      match(charNgrams(hyp, n), charNgrams(ref, n), stats, n - 1);
    }
    if (wordOrder > 0) {
      List<String> hypWords = words(hypothesis);
      List<String> refWords = words(reference);
      for (int n = 1; n <= wordOrder; n++) {
        match(wordNgrams(hypWords, n), wordNgrams(refWords, n), stats, charOrder + n - 1);
      }
    }
    return stats;
  }

  private double fScore(int[] stats) {
    int orders = charOrder + wordOrder;
    double factor = beta * beta;
    double precisionSum = 0;
    double recallSum = 0;
    double fScoreSum = 0;
    int effectiveOrder = 0;
    for (int i = 0; i < orders; i++) {
      int hypCount = stats[3 * i];
      int refCount = stats[3 * i + 1];
      int matches = stats[3 * i + 2];
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
      return fScoreSum / orders;
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

  private static void match(
      Map<String, Integer> hyp, Map<String, Integer> ref, int[] stats, int order) {
    int hypCount = 0;
    int matches = 0;
    for (Map.Entry<String, Integer> gram : hyp.entrySet()) {
      hypCount += gram.getValue();
      Integer inRef = ref.get(gram.getKey());
      if (inRef != null) {
        matches += Math.min(gram.getValue(), inRef);
      }
    }
    int refCount = 0;
    for (int count : ref.values()) {
      refCount += count;
    }
    // sacreBLEU reports no hypothesis n-grams for an order the reference lacks.
    stats[3 * order] = ref.isEmpty() ? 0 : hypCount;
    stats[3 * order + 1] = refCount;
    stats[3 * order + 2] = matches;
  }

  private static Map<String, Integer> charNgrams(int[] codePoints, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + n <= codePoints.length; start++) {
      counts.merge(new String(codePoints, start, n), 1, Integer::sum);
    }
    return counts;
  }

  private static Map<String, Integer> wordNgrams(List<String> words, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + n <= words.size(); start++) {
      counts.merge(String.join(" ", words.subList(start, start + n)), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * sacreBLEU's {@code _remove_punctuation}: one punctuation mark is split off the end of a word,
   * or else off its start; {@code "(hi)"} becomes {@code "(hi"} and {@code ")"} as in sacreBLEU.
   */
  static List<String> words(String sentence) {
    List<String> tokens = new ArrayList<>();
    for (String word : PythonText.split(sentence)) {
      if (word.codePointCount(0, word.length()) == 1) {
        tokens.add(word);
      } else if (PUNCTUATION.indexOf(word.charAt(word.length() - 1)) >= 0) {
        tokens.add(word.substring(0, word.length() - 1));
        tokens.add(word.substring(word.length() - 1));
      } else if (PUNCTUATION.indexOf(word.charAt(0)) >= 0) {
        tokens.add(word.substring(0, 1));
        tokens.add(word.substring(1));
      } else {
        tokens.add(word);
      }
    }
    return tokens;
  }
}
