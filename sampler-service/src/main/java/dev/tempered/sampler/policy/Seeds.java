package dev.tempered.sampler.policy;

/**
 * Sampling seeds: one per prompt from the job seed, the prompt's sequence number and the policy
 * version (so a prompt sampled again under a newer policy draws fresh noise), and one per generate
 * call from the seeds of the prompts in it, in order.
 */
public final class Seeds {

  private Seeds() {}

  /** The seed of one prompt: SplitMix64 finaliser folded over job seed, sequence and version. */
  public static long forPrompt(long jobSeed, long sequence, long policyVersion) {
    return mix(mix(mix(jobSeed) ^ sequence) ^ policyVersion);
  }

  /**
   * The seed of a generate call. The model draws all rows of a call from one random stream, so a
   * call's samples are reproducible for the same prompts in the same order; a call of one prompt
   * uses exactly that prompt's seed.
   */
  public static long forCall(long[] promptSeeds) {
    if (promptSeeds.length == 0) {
      throw new IllegalArgumentException("a generate call needs at least one prompt seed");
    }
    long seed = promptSeeds[0];
    for (int i = 1; i < promptSeeds.length; i++) {
      // Mixing before folding in makes the result depend on order, unlike a plain xor.
      seed = mix(mix(seed) ^ promptSeeds[i]);
    }
    return seed;
  }

  /** SplitMix64's output function: a bijection that spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
