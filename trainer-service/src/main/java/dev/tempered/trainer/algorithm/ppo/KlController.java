package dev.tempered.trainer.algorithm.ppo;

/** The coefficient of PPO's per-token KL penalty, fixed or adapted towards a target KL. */
public sealed interface KlController {

  /** The coefficient to use for the next batch. */
  double value();

  /**
   * Feeds back the KL measured on the last batch.
   *
   * @param currentKl the mean KL (per sequence, as TRL) of the batch
   * @param steps how many samples the batch held
   */
  void update(double currentKl, long steps);

  /** A constant coefficient. */
  static KlController fixed(double value) {
    return new Fixed(value);
  }

  /**
   * Ziegler et al. 2019 (TRL's {@code AdaptiveKLController}): e = clip(KL/target − 1, −0.2, 0.2), β
   * ← β·(1 + e·steps/horizon).
   */
  static KlController adaptive(double initial, double target, double horizon) {
    if (!(initial >= 0) || !(target > 0) || !(horizon > 0)) {
      throw new IllegalArgumentException(
          "adaptive KL needs initial >= 0, target > 0 and horizon > 0");
    }
    return new Adaptive(initial, target, horizon);
  }

  /** A coefficient that never changes. */
  final class Fixed implements KlController {
    private final double value;

    Fixed(double value) {
      this.value = value;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public void update(double currentKl, long steps) {}
  }

  /** The proportional controller of Ziegler et al. */
  final class Adaptive implements KlController {
    private final double target;
    private final double horizon;
    private double value;

    Adaptive(double initial, double target, double horizon) {
      this.value = initial;
      this.target = target;
      this.horizon = horizon;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public void update(double currentKl, long steps) {
      double error = Math.max(-0.2, Math.min(0.2, currentKl / target - 1));
      value *= 1 + error * steps / horizon;
    }
  }
}
