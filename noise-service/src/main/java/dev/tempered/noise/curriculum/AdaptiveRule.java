package dev.tempered.noise.curriculum;

import dev.tempered.api.job.CurriculumSpec;
import java.util.List;

/**
 * The adaptive curriculum's rule: after each evaluated checkpoint, with C the mean clean score and
 * N the mean noisy score of the held-out prompts, strength s becomes {@code min(end, s +
 * increment)} when the relative gap {@code (C - N) / max(|C|, 1e-9)} is at most {@code tolerance},
 * and stays otherwise. Strength never falls, so a prompt's noise level only grows with training.
 *
 * <p>Held-out prompts are noised at the end strength, so the gap says how robust the policy is at
 * the hardest level asked for; training strength climbs towards it once that gap has closed enough.
 */
public record AdaptiveRule(double start, double end, double tolerance, double increment) {

  /** Guards the relative gap against a clean score of zero. */
  static final double MIN_SCALE = 1e-9;

  /** A gap equal to the tolerance in decimals counts as within it despite binary rounding. */
  static final double ROUNDING_SLACK = 1e-12;

  public AdaptiveRule {
    if (!(start >= 0 && end <= 1 && start <= end)) {
      throw new IllegalArgumentException(
          "adaptive curriculum needs 0 <= startStrength <= endStrength <= 1, was "
              + start
              + " and "
              + end);
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException(
          "noise.curriculum.tolerance must be in [0, 1], was " + tolerance);
    }
    if (!(increment > 0 && increment <= 1)) {
      throw new IllegalArgumentException(
          "noise.curriculum.increment must be in (0, 1], was " + increment);
    }
  }

  /** The rule a job's curriculum spec declares. */
  public static AdaptiveRule of(CurriculumSpec spec) {
    return new AdaptiveRule(
        spec.startStrength(),
        spec.endStrength(),
        spec.toleranceOrDefault(),
        spec.incrementOrDefault());
  }

  /** The relative gap between the mean clean and the mean noisy score. */
  public static double relativeGap(double cleanMean, double noisyMean) {
    return (cleanMean - noisyMean) / Math.max(Math.abs(cleanMean), MIN_SCALE);
  }

  /**
   * The strength after one evaluated checkpoint.
   *
   * @param current the strength training prompts have now
   * @throws IllegalArgumentException when a mean is not a finite number
   */
  public double next(double current, double cleanMean, double noisyMean) {
    if (!Double.isFinite(cleanMean) || !Double.isFinite(noisyMean)) {
      throw new IllegalArgumentException(
          "adaptive curriculum needs finite mean scores, was clean "
              + cleanMean
              + " and noisy "
              + noisyMean);
    }
    if (relativeGap(cleanMean, noisyMean) <= tolerance + ROUNDING_SLACK) {
      return Math.min(end, current + increment);
    }
    return current;
  }

  /**
   * The training strength after {@code evaluated} checkpoints (oldest first): the rule applied to
   * each in turn from the start strength, so the level depends only on which versions are complete.
   */
  public double level(List<EvaluationHistory.Evaluated> evaluated) {
    double level = start;
    for (EvaluationHistory.Evaluated e : evaluated) {
      level = next(level, e.cleanMean(), e.noisyMean());
    }
    return level;
  }
}
