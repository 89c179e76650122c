package dev.tempered.trainer.algorithm.ppo;

/**
 * The knobs of the PPO loss.
 *
 * @param epsilonLow the ratio is clipped below at 1 − epsilonLow
 * @param epsilonHigh the ratio is clipped above at 1 + epsilonHigh
 * @param valueClip new values are kept within ±valueClip of the values before the update
 * @param valueCoefficient weight of the value loss in the total (TRL's {@code vf_coef})
 */
public record PpoSettings(
    double epsilonLow, double epsilonHigh, double valueClip, double valueCoefficient) {

  public PpoSettings {
    if (!(epsilonLow > 0 && epsilonLow < 1) || !(epsilonHigh > 0)) {
      throw new IllegalArgumentException(
          "epsilonLow must be in (0, 1) and epsilonHigh > 0, got "
              + epsilonLow
              + " and "
              + epsilonHigh);
    }
    if (!(valueClip > 0) || !(valueCoefficient >= 0)) {
      throw new IllegalArgumentException(
          "valueClip must be > 0 and valueCoefficient >= 0, got "
              + valueClip
              + " and "
              + valueCoefficient);
    }
  }
}
