package dev.tempered.trainer.training;

import dev.tempered.api.job.PpoSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.trainer.algorithm.ppo.KlController;
import dev.tempered.trainer.algorithm.ppo.PpoSettings;

/**
 * A PPO job's options with every absent {@code training.ppo} field at its default ({@link
 * PpoSpec}); the policy clip range is {@code training.epsilonLow}/{@code epsilonHigh}.
 *
 * @param separateValueModel true for a value model of its own (OpenRLHF's critic), false for a
 *     value head on the policy trunk (TRL's model with value head)
 */
record PpoOptions(
    PpoSettings loss,
    double gamma,
    double lambda,
    int epochs,
    int minibatches,
    boolean whitenAdvantages,
    boolean adaptiveKl,
    double initKlCoef,
    double klTarget,
    double klHorizon,
    boolean separateValueModel) {

  static PpoOptions of(TrainingSpec spec) {
    PpoSpec p = spec.ppoOrDefault();
    return new PpoOptions(
        new PpoSettings(
            spec.epsilonLow(), spec.epsilonHigh(), p.valueClipOrDefault(), p.valueCoefOrDefault()),
        p.gammaOrDefault(),
        p.lambdaOrDefault(),
        p.epochsOrDefault(),
        p.minibatchesOrDefault(),
        p.whitenAdvantagesOrDefault(),
        PpoSpec.ADAPTIVE.equals(p.klControllerOrDefault()),
        p.initKlCoefOrDefault(),
        p.klTargetOrDefault(),
        p.klHorizonOrDefault(),
        PpoSpec.SEPARATE.equals(p.valueModelOrDefault()));
  }

  /** A fresh controller for one job (the adaptive one carries state across steps). */
  KlController klController() {
    return adaptiveKl
        ? KlController.adaptive(initKlCoef, klTarget, klHorizon)
        : KlController.fixed(initKlCoef);
  }

  /** Whether a reference pass is needed: a zero coefficient stays zero under either controller. */
  boolean needsReference() {
    return initKlCoef > 0;
  }
}
