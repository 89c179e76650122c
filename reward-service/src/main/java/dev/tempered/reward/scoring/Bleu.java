package dev.tempered.reward.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * BLEU (Papineni et al. 2002) as sacreBLEU 2.x computes it, scaled to [0,1] instead of [0,100].
 * {@link #sentence(String, String)} is sacreBLEU's {@code sentence_bleu(hyp, [ref])}: 13a
 * tokenisation, 'exp' smoothing (NIST: the k-th order without matches gets precision 1 / (2^k ·
 * total)) and effective order (orders beyond the hypothesis length are left out of the geometric
 * mean). The other smoothing methods of Chen and Cherry (2014) that sacreBLEU offers are here too,
 * so its published test values can be checked.
 */
public final class Bleu {

  /** sacreBLEU's smoothing methods. */
  public enum Smoothing {
    NONE,
    FLOOR,
    ADD_K,
    EXP
  }

  /** sacreBLEU's maximum n-gram order. */
  public static final int MAX_ORDER = 4;

  /** sacreBLEU's {@code my_log(0)}: a huge negative number rather than -infinity. */
  private static final double LOG_ZERO = -9999999999.0;

  private static final Bleu SENTENCE =
      new Bleu(Tokenizer13a::tokenize, Smoothing.EXP, Double.NaN, true);

  private final Function<String, List<String>> tokenizer;
  private final Smoothing smoothing;
  private final double smoothValue;
  private final boolean effectiveOrder;

  /**
   * A BLEU scorer.
   *
   * @param tokenizer text to tokens, e.g. {@link Tokenizer13a#tokenize} or {@link #noTokenizer()}
   * @param smoothing the smoothing method
   * @param smoothValue the floor or k; NaN for sacreBLEU's default (0.1 for floor, 1 for add-k)
   * @param effectiveOrder leave orders without hypothesis n-grams out of the geometric mean
   */
  public Bleu(
      Function<String, List<String>> tokenizer,
      Smoothing smoothing,
      double smoothValue,
      boolean effectiveOrder) {
    this.tokenizer = tokenizer;
    this.smoothing = smoothing;
    this.smoothValue =
        Double.isNaN(smoothValue) ? (smoothing == Smoothing.FLOOR ? 0.1 : 1.0) : smoothValue;
    this.effectiveOrder = effectiveOrder;
  }

  /** sacreBLEU's {@code tokenize='none'}: whitespace splitting only. */
  public static Function<String, List<String>> noTokenizer() {
    return PythonText::split;
  }

  /** sacreBLEU's {@code sentence_bleu(hypothesis, [reference]).score / 100}. */
  public static double sentence(String hypothesis, String reference) {
    return SENTENCE.score(hypothesis, List.of(reference));
  }

  /** BLEU of one hypothesis against its references (n-gram counts clipped by the maximum). */
  public double score(String hypothesis, List<String> references) {
    return fromStatistics(statistics(hypothesis, references));
  }

  /** Corpus BLEU: {@code references.get(r).get(i)} is the r-th reference of hypothesis i. */
  public double corpusScore(List<String> hypotheses, List<List<String>> references) {
    long[] sum = new long[2 + 2 * MAX_ORDER];
    for (int i = 0; i < hypotheses.size(); i++) {
      int index = i;
      long[] stats =
          statistics(hypotheses.get(i), references.stream().map(r -> r.get(index)).toList());
      for (int j = 0; j < sum.length; j++) {
        sum[j] += stats[j];
      }
    }
    return fromStatistics(sum);
  }

  /** [hypLen, refLen, correct_1..4, total_1..4] as sacreBLEU's segment statistics. */
  long[] statistics(String hypothesis, List<String> references) {
    // List.of(...).contains(null) throws, hence the stream.
    if (hypothesis == null || references == null || references.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("BLEU needs a hypothesis and references");
    }
    List<String> hyp = tokenizer.apply(PythonText.rstrip(hypothesis));
    Map<List<String>, Integer> refMax = new HashMap<>();
    int refLen = -1;
    for (String reference : references) {
      List<String> ref = tokenizer.apply(PythonText.rstrip(reference));
      ngrams(ref).forEach((gram, count) -> refMax.merge(gram, count, Math::max));
      refLen = closer(hyp.size(), refLen, ref.size());
    }
    long[] stats = new long[2 + 2 * MAX_ORDER];
    stats[0] = hyp.size();
    stats[1] = Math.max(refLen, 0);
    for (Map.Entry<List<String>, Integer> gram : ngrams(hyp).entrySet()) {
      int n = gram.getKey().size();
      stats[1 + MAX_ORDER + n] += gram.getValue();
      stats[1 + n] += Math.min(gram.getValue(), refMax.getOrDefault(gram.getKey(), 0));
    }
    return stats;
  }

  /** The reference length closest to the hypothesis length; the shorter one on a tie. */
  private static int closer(int hypLen, int best, int candidate) {
    if (best < 0) {
      return candidate;
    }
    int bestDiff = Math.abs(hypLen - best);
    int diff = Math.abs(hypLen - candidate);
    return diff < bestDiff || (diff == bestDiff && candidate < best) ? candidate : best;
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int n = 1; n <= MAX_ORDER; n++) {
      for (int i = 0; i + n <= tokens.size(); i++) {
        counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** sacreBLEU's {@code compute_bleu}, returning score / 100. */
  double fromStatistics(long[] stats) {
    double sysLen = stats[0];
    double refLen = stats[1];
    double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0) : 1.0;
    double[] correct = new double[MAX_ORDER];
    double[] total = new double[MAX_ORDER];
    boolean anyCorrect = false;
    for (int n = 0; n < MAX_ORDER; n++) {
      correct[n] = stats[2 + n];
      total[n] = stats[2 + MAX_ORDER + n];
      anyCorrect |= correct[n] > 0;
    }
    if (!anyCorrect) {
      return 0.0;
    }
    double[] precisions = new double[MAX_ORDER];
    double smoothMteval = 1.0;
    int order = MAX_ORDER;
    for (int n = 0; n < MAX_ORDER; n++) {
      if (smoothing == Smoothing.ADD_K && n > 0) {
        correct[n] += smoothValue;
        total[n] += smoothValue;
      }
      if (total[n] == 0) {
        break;
      }
      if (effectiveOrder) {
        order = n + 1;
      }
      if (correct[n] == 0) {
        if (smoothing == Smoothing.EXP) {
          smoothMteval *= 2;
          precisions[n] = 1.0 / (smoothMteval * total[n]);
        } else if (smoothing == Smoothing.FLOOR) {
          precisions[n] = smoothValue / total[n];
        }
      } else {
        precisions[n] = correct[n] / total[n];
      }
    }
    double logSum = 0;
    for (int n = 0; n < order; n++) {
      // sacreBLEU works on the 0..100 scale; log(100 p) - log(100) keeps its my_log(0) exact.
      logSum += precisions[n] == 0 ? LOG_ZERO - Math.log(100) : Math.log(precisions[n]);
    }
    return bp * Math.exp(logSum / order);
  }
}
