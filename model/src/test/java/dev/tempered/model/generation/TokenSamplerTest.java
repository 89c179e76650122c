package dev.tempered.model.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each sampling option on hand-made logits whose softmax is known exactly: probabilities 0.5, 0.3,
 * 0.15, 0.05 (logits are their natural logs).
 */
class TokenSamplerTest {

  private static final double[] PROBS = {0.5, 0.3, 0.15, 0.05};
  private static final int DRAWS = 20_000;

  private static float[] logits() {
    float[] logits = new float[PROBS.length];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) Math.log(PROBS[i]);
    }
    return logits;
  }

  @Test
  void greedyPicksTheArgmaxAndReportsItsLogprobAtTemperatureOne() {
    float[] logits = {0.1f, 2.0f, -1.0f, 1.5f};
    long packed = new TokenSampler(GenerationOptions.greedy(1, Set.of())).next(logits, 0, 4);
    // log softmax: 2.0 - ln(e^0.1 + e^2 + e^-1 + e^1.5)
    double expected =
        2.0 - Math.log(Math.exp(0.1) + Math.exp(2.0) + Math.exp(-1.0) + Math.exp(1.5));
    assertThat(token(packed)).isEqualTo(1);
    assertThat(logprob(packed)).isCloseTo((float) expected, within(1e-6f));
  }

  @Test
  void readsTheRowAtItsOffset() {
    float[] twoRows = {0f, 0f, 5f, 0f, 9f, 0f, 0f, 0f};
    TokenSampler greedy = new TokenSampler(GenerationOptions.greedy(1, Set.of()));
    assertThat(token(greedy.next(twoRows, 0, 4))).isEqualTo(2);
    assertThat(token(greedy.next(twoRows, 4, 4))).isEqualTo(0);
  }

  @Test
  void plainSamplingFollowsTheSoftmaxAndReportsTemperatureScaledLogprobs() {
    double[] freq = frequencies(new GenerationOptions(1f, 0, 1f, 1, Set.of(), 3L));
    for (int i = 0; i < PROBS.length; i++) {
      assertThat(freq[i]).as("token %d", i).isCloseTo(PROBS[i], within(0.015));
    }
    // At T = 2 the distribution is softmax(ln p / 2) ∝ sqrt(p).
    TokenSampler hot = new TokenSampler(new GenerationOptions(2f, 0, 1f, 1, Set.of(), 3L));
    double norm = 0;
    for (double p : PROBS) {
      norm += Math.sqrt(p);
    }
    for (int i = 0; i < 50; i++) {
      long packed = hot.next(logits(), 0, 4);
      double expected = Math.log(Math.sqrt(PROBS[token(packed)]) / norm);
      assertThat(logprob(packed)).isCloseTo((float) expected, within(1e-6f));
    }
  }

  @Test
  void topKKeepsOnlyTheKMostLikelyTokensRenormalised() {
    double[] freq = frequencies(new GenerationOptions(1f, 2, 1f, 1, Set.of(), 5L));
    assertThat(freq[2]).isZero();
    assertThat(freq[3]).isZero();
    assertThat(freq[0]).isCloseTo(0.5 / 0.8, within(0.015));
    assertThat(frequencies(new GenerationOptions(1f, 1, 1f, 1, Set.of(), 5L))[0]).isEqualTo(1.0);
  }

  @Test
  void topPKeepsTheSmallestPrefixReachingP() {
    // cumulative 0.5, 0.8, 0.95, 1: p = 0.45 keeps {0}, p = 0.75 keeps {0, 1}, p = 0.9 keeps 3.
    assertThat(frequencies(new GenerationOptions(1f, 0, 0.45f, 1, Set.of(), 7L))[0]).isEqualTo(1);
    double[] two = frequencies(new GenerationOptions(1f, 0, 0.75f, 1, Set.of(), 7L));
    assertThat(two[2] + two[3]).isZero();
    assertThat(two[1]).isCloseTo(0.3 / 0.8, within(0.015));
    double[] three = frequencies(new GenerationOptions(1f, 0, 0.9f, 1, Set.of(), 7L));
    assertThat(three[3]).isZero();
    assertThat(three[2]).isCloseTo(0.15 / 0.95, within(0.015));
  }

  @Test
  void topPAppliesToTheTopKRenormalisedDistribution() {
    // top-k 3 renormalises to 0.5/0.95, 0.3/0.95, 0.15/0.95: cumulative 0.526, 0.842, 1. So p =
    // 0.83 keeps {0, 1}; over the untruncated distribution (0.5, 0.8, 0.95) it would keep 3 tokens.
    double[] freq = frequencies(new GenerationOptions(1f, 3, 0.83f, 1, Set.of(), 9L));
    assertThat(freq[2] + freq[3]).isZero();
    assertThat(freq[0]).isCloseTo(0.5 / 0.8, within(0.015));
  }

  @Test
  void truncationDoesNotChangeTheReportedLogprob() {
    TokenSampler sampler = new TokenSampler(new GenerationOptions(1f, 2, 0.9f, 1, Set.of(), 1L));
    for (int i = 0; i < 50; i++) {
      long packed = sampler.next(logits(), 0, 4);
      assertThat(logprob(packed)).isCloseTo((float) Math.log(PROBS[token(packed)]), within(1e-6f));
    }
  }

  @Test
  void theSameSeedDrawsTheSameTokensAndAnotherSeedDoesNot() {
    int[] a = draws(new GenerationOptions(1f, 0, 1f, 1, Set.of(), 42L), 64);
    int[] b = draws(new GenerationOptions(1f, 0, 1f, 1, Set.of(), 42L), 64);
    int[] c = draws(new GenerationOptions(1f, 0, 1f, 1, Set.of(), 43L), 64);
    assertThat(a).containsExactly(b).isNotEqualTo(c);
  }

  private static double[] frequencies(GenerationOptions options) {
    int[] counts = new int[PROBS.length];
    for (int token : draws(options, DRAWS)) {
      counts[token]++;
    }
    double[] freq = new double[PROBS.length];
    for (int i = 0; i < freq.length; i++) {
      freq[i] = counts[i] / (double) DRAWS;
    }
    return freq;
  }

  private static int[] draws(GenerationOptions options, int n) {
    TokenSampler sampler = new TokenSampler(options);
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = token(sampler.next(logits(), 0, PROBS.length));
    }
    return tokens;
  }

  private static int token(long packed) {
    return (int) (packed >>> 32);
  }

  private static float logprob(long packed) {
    return Float.intBitsToFloat((int) packed);
  }
}
