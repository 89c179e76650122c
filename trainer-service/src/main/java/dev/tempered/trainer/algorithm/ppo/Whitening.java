package dev.tempered.trainer.algorithm.ppo;

/**
 * Advantage whitening over valid tokens only (TRL's {@code masked_whiten}): (A − mean) / sqrt(var +
 * 1e-8) with the mean and the Bessel-corrected variance taken over valid tokens of the whole batch;
 * padding stays exactly 0 and never enters the statistics.
 */
public final class Whitening {

  /** Added to the variance, as TRL, so a constant batch gives 0 rather than 0/0. */
  public static final double EPSILON = 1e-8;

  private Whitening() {}

  /**
   * @param shiftMean false keeps the original mean (TRL's {@code shift_mean=False})
   */
  public static float[] whiten(float[] values, float[] mask, boolean shiftMean) {
    double n = 0;
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      if (mask[i] > 0) {
        n++;
        sum += values[i];
      }
    }
    float[] out = new float[values.length];
    if (n == 0) {
      return out;
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < values.length; i++) {
      if (mask[i] > 0) {
        squares += (values[i] - mean) * (values[i] - mean);
      }
    }
    double variance = n > 1 ? squares / (n - 1) : 0;
    double scale = 1 / Math.sqrt(variance + EPSILON);
    for (int i = 0; i < values.length; i++) {
      if (mask[i] > 0) {
        double w = (values[i] - mean) * scale;
        out[i] = (float) (shiftMean ? w : w + mean);
      }
    }
    return out;
  }
}
