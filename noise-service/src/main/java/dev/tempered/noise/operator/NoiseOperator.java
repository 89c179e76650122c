package dev.tempered.noise.operator;

import java.util.random.RandomGenerator;

/** A seeded corruption of a prompt whose strength in [0, 1] scales how much it changes. */
public interface NoiseOperator {

  /** The kind name used in job specs and recorded on every {@code NoiseOp}. */
  String kind();

  /**
   * Corrupts {@code text}; strength 0 returns it unchanged with no ops.
   *
   * @param random the prompt's own generator, so the same seed gives the same output
   */
  NoisyText apply(String text, double strength, RandomGenerator random);

  /**
   * Corrupts {@code text}, the prompt of an example whose reference continuation is {@code
   * reference}; only operators that attack a model use it.
   */
  default NoisyText apply(String text, String reference, double strength, RandomGenerator random) {
    return apply(text, strength, random);
  }

  /** Rejects strengths outside [0, 1] with a message naming the value. */
  static void checkStrength(double strength) {
    if (!(strength >= 0 && strength <= 1)) {
      throw new IllegalArgumentException("noise strength must be in [0, 1], was " + strength);
    }
  }
}
