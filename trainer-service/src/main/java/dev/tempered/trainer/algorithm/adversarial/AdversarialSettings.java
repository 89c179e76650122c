package dev.tempered.trainer.algorithm.adversarial;

import dev.tempered.api.job.AdversarialSpec;
import java.util.Locale;

/**
 * The attack of one job with every default applied.
 *
 * @param epsilon radius of the ball the perturbation is projected onto
 * @param steps ascent steps: 1 is FGSM (Goodfellow et al. 2015), more is PGD (Madry et al. 2018)
 * @param stepSize length of each ascent step
 */
public record AdversarialSettings(double epsilon, int steps, double stepSize, Norm norm) {

  /** The norm of the ball and of the ascent direction. */
  public enum Norm {
    /** Steps along sign(g); the projection clips every coordinate to [-ε, ε]. */
    LINF,
    /** Steps along g / ‖g‖₂ per sequence; the projection rescales a sequence with ‖δ‖₂ > ε. */
    L2
  }

  public AdversarialSettings {
    if (!(epsilon > 0) || !(stepSize > 0) || steps < 1) {
      throw new IllegalArgumentException(
          "adversarial training needs epsilon > 0, stepSize > 0 and steps >= 1, was "
              + epsilon
              + ", "
              + stepSize
              + " and "
              + steps);
    }
  }

  /** The settings a job spec declares. */
  public static AdversarialSettings of(AdversarialSpec spec) {
    return new AdversarialSettings(
        spec.epsilon(),
        spec.stepsOrDefault(),
        spec.stepSizeOrDefault(),
        Norm.valueOf(spec.normOrDefault().toUpperCase(Locale.ROOT)));
  }
}
