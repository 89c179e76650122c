package dev.tempered.api.job;

/**
 * PPO hyper-parameters of a job with algorithm {@code ppo}; every field is optional and an absent
 * one takes the default named below, which follows TRL's {@code PPOConfig} unless it says OpenRLHF.
 * The clip range of the policy ratio is {@code training.epsilonLow}/{@code epsilonHigh} (TRL's
 * {@code cliprange}); {@code training.beta} is not used by PPO, whose KL penalty is the per-token
 * reward term with coefficient {@code initKlCoef}.
 *
 * @param gamma discount of GAE, default 1.0 (TRL {@code gamma}, OpenRLHF {@code gamma}: both 1)
 * @param lambda GAE's λ, default 0.95 (TRL {@code lam}; OpenRLHF defaults to 1.0)
 * @param valueClip new values stay within ±valueClip of the pre-update values, default 0.2 (TRL
 *     {@code cliprange_value})
 * @param valueCoef weight of the value loss in the total, default 0.1 (TRL {@code vf_coef})
 * @param epochs passes over each batch, default 4 (TRL {@code num_ppo_epochs}; OpenRLHF 1)
 * @param minibatches minibatches per pass, default 1 (TRL {@code num_mini_batches})
 * @param whitenAdvantages whiten advantages over valid tokens, default true (TRL)
 * @param klController {@code fixed} (default, TRL's PPOTrainer) or {@code adaptive} (Ziegler et
 *     al., TRL's {@code AdaptiveKLController})
 * @param initKlCoef the KL coefficient, or the adaptive controller's start, default 0.05 (TRL
 *     {@code kl_coef} / {@code init_kl_coef})
 * @param klTarget the adaptive controller's target KL per sequence, default 6 (TRL {@code target})
 * @param klHorizon the adaptive controller's horizon in samples, default 10000 (TRL {@code
 *     horizon})
 * @param valueModel {@code head} (default: a linear value head on the policy trunk's final hidden
 *     state, TRL's {@code AutoModelForCausalLMWithValueHead}) or {@code separate} (a second copy of
 *     the base model with its own head and optimiser, OpenRLHF's critic)
 */
public record PpoSpec(
    Double gamma,
    Double lambda,
    Double valueClip,
    Double valueCoef,
    Integer epochs,
    Integer minibatches,
    Boolean whitenAdvantages,
    String klController,
    Double initKlCoef,
    Double klTarget,
    Double klHorizon,
    String valueModel) {

  public static final double DEFAULT_GAMMA = 1.0;
  public static final double DEFAULT_LAMBDA = 0.95;
  public static final double DEFAULT_VALUE_CLIP = 0.2;
  public static final double DEFAULT_VALUE_COEF = 0.1;
  public static final int DEFAULT_EPOCHS = 4;
  public static final int DEFAULT_MINIBATCHES = 1;
  public static final String FIXED = "fixed";
  public static final String ADAPTIVE = "adaptive";
  public static final double DEFAULT_INIT_KL_COEF = 0.05;
  public static final double DEFAULT_KL_TARGET = 6;
  public static final double DEFAULT_KL_HORIZON = 10_000;
  public static final String HEAD = "head";
  public static final String SEPARATE = "separate";

  /** Every field at its default. */
  public static final PpoSpec DEFAULTS =
      new PpoSpec(null, null, null, null, null, null, null, null, null, null, null, null);

  public double gammaOrDefault() {
    return gamma == null ? DEFAULT_GAMMA : gamma;
  }

  public double lambdaOrDefault() {
    return lambda == null ? DEFAULT_LAMBDA : lambda;
  }

  public double valueClipOrDefault() {
    return valueClip == null ? DEFAULT_VALUE_CLIP : valueClip;
  }

  public double valueCoefOrDefault() {
    return valueCoef == null ? DEFAULT_VALUE_COEF : valueCoef;
  }

  public int epochsOrDefault() {
    return epochs == null ? DEFAULT_EPOCHS : epochs;
  }

  public int minibatchesOrDefault() {
    return minibatches == null ? DEFAULT_MINIBATCHES : minibatches;
  }

  public boolean whitenAdvantagesOrDefault() {
    return whitenAdvantages == null || whitenAdvantages;
  }

  public String klControllerOrDefault() {
    return klController == null ? FIXED : klController;
  }

  public double initKlCoefOrDefault() {
    return initKlCoef == null ? DEFAULT_INIT_KL_COEF : initKlCoef;
  }

  public double klTargetOrDefault() {
    return klTarget == null ? DEFAULT_KL_TARGET : klTarget;
  }

  public double klHorizonOrDefault() {
    return klHorizon == null ? DEFAULT_KL_HORIZON : klHorizon;
  }

  public String valueModelOrDefault() {
    return valueModel == null ? HEAD : valueModel;
  }
}
