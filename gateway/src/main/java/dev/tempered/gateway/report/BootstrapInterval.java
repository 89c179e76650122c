package dev.tempered.gateway.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile-bootstrap confidence intervals of a sample mean. Pure and deterministic per seed. */
public final class BootstrapInterval {

  private BootstrapInterval() {}

  /**
   * The {@code level} interval of the mean of {@code values}: draw {@code resamples} samples of the
   * same size with replacement, take each one's mean, and read the {@code (1 - level) / 2} and
   * {@code (1 + level) / 2} quantiles of those means (linear interpolation between order
   * statistics).
   */
  public static ConfidenceInterval ofMean(double[] values, double level, int resamples, long seed) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a bootstrap needs at least one value");
    }
    if (!(level > 0 && level < 1) || resamples < 2) {
      throw new IllegalArgumentException(
          "level must be in (0, 1) and resamples >= 2, got " + level + " and " + resamples);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = values.length;
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    double alpha = (1 - level) / 2;
    return new ConfidenceInterval(
        quantile(means, alpha), quantile(means, 1 - alpha), level, resamples, seed);
  }

  /** The q-quantile of sorted values, interpolating between neighbours (R's type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
