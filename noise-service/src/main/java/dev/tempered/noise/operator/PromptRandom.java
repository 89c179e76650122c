package dev.tempered.noise.operator;

import dev.tempered.api.message.Split;
import java.util.SplittableRandom;

/**
 * Derives each prompt's own generator from the job seed, the split and the prompt's sequence, so a
 * prompt's noise does not depend on how many prompts came before it or on publishing order.
 */
public final class PromptRandom {

  private PromptRandom() {}

  /**
   * A fresh generator for prompt {@code sequence} of {@code split} in the job seeded {@code seed}.
   */
  public static SplittableRandom forPrompt(long seed, Split split, long sequence) {
    long h = mix(seed ^ 0x6A09E667F3BCC909L);
    h = mix(h ^ split.ordinal());
    h = mix(h ^ sequence);
    return new SplittableRandom(h);
  }

  // The SplitMix64 finaliser: neighbouring inputs (sequence n, n+1) give unrelated outputs.
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
