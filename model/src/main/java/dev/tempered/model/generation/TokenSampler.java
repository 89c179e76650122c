package dev.tempered.model.generation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits: greedy, or temperature sampling restricted by top-k
 * and then top-p. The log-prob returned is always of the full temperature-scaled distribution log
 * softmax(logits / T): top-k and top-p change which tokens can be drawn but not the reported
 * log-prob, which is what the teacher-forced pass of the trainer computes (as TRL does). Greedy
 * decoding reports the log-prob under T = 1.
 */
final class TokenSampler {

  private final GenerationOptions options;
  private final SplittableRandom random;

  TokenSampler(GenerationOptions options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
  }

  /** Returns {token, Float.floatToIntBits(logprob)} packed in a long: token high, logprob low. */
  long next(float[] logits, int offset, int vocab) {
    double temperature = options.greedy() ? 1.0 : options.temperature();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[offset + i] / temperature);
    }
    double[] probs = new double[vocab];
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      probs[i] = Math.exp(logits[offset + i] / temperature - max);
      sum += probs[i];
    }
    double logSum = Math.log(sum) + max;
    int token = options.greedy() ? argmax(logits, offset, vocab) : sample(probs, sum);
    float logprob = (float) (logits[offset + token] / temperature - logSum);
    return pack(token, logprob);
  }

  static long pack(int token, float logprob) {
    return ((long) token << 32) | (Float.floatToIntBits(logprob) & 0xFFFFFFFFL);
  }

  /** Whether top-k or top-p removes tokens from a distribution over {@code vocab} tokens. */
  boolean truncates(int vocab) {
    return options.topK() > 0 && options.topK() < vocab || options.topP() < 1f;
  }

  /** The next uniform in [0, 1) of the seeded stream, as one sampling step consumes it. */
  double uniform() {
    return random.nextDouble();
  }

  private static int argmax(float[] logits, int offset, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[offset + i] > logits[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  private int sample(double[] probs, double sum) {
    int vocab = probs.length;
    if (!truncates(vocab)) {
      return inverseCdf(probs, sum, null, vocab);
    }
    Integer[] order = new Integer[vocab];
    for (int i = 0; i < vocab; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
    int keep = options.topK() > 0 ? Math.min(options.topK(), vocab) : vocab;
    double topKMass = 0;
    for (int i = 0; i < keep; i++) {
      topKMass += probs[order[i]];
    }
    double keptMass = topKMass;
    if (options.topP() < 1f) {
      // Nucleus over the top-k renormalised distribution (top-k first, then top-p, as
      // transformers' warpers and vLLM apply them): keep the smallest prefix whose share of the
      // top-k mass reaches p; the token that crosses p is kept.
      keptMass = 0;
      for (int i = 0; i < keep; i++) {
        keptMass += probs[order[i]];
        if (keptMass >= options.topP() * topKMass) {
          keep = i + 1;
          break;
        }
      }
    }
    return inverseCdf(probs, keptMass, order, keep);
  }

  private int inverseCdf(double[] probs, double mass, Integer[] order, int count) {
    double u = uniform() * mass;
    double acc = 0;
    for (int i = 0; i < count; i++) {
      int token = order == null ? i : order[i];
      acc += probs[token];
      if (u < acc) {
        return token;
      }
    }
    return order == null ? count - 1 : order[count - 1];
  }
}
