package dev.tempered.api.job;

/**
 * What a user submits: the model, the data, the noise, sampling, reward and GRPO settings.
 *
 * @param model the model name under the configured model root, e.g. {@code stories260K}
 * @param algorithm the training algorithm: {@code grpo}; {@code ppo}; {@code dpo} (online pairs
 *     from scored groups, or offline from a preference file); {@code reward-model} (Bradley–Terry,
 *     from a preference file)
 */
public record JobSpec(
    String name,
    String model,
    String algorithm,
    long seed,
    DatasetSpec dataset,
    NoiseSpec noise,
    SamplingSpec sampling,
    RewardSpec reward,
    TrainingSpec training) {

  public static final String GRPO = "grpo";
  public static final String PPO = "ppo";
  public static final String DPO = "dpo";
  public static final String REWARD_MODEL = "reward-model";

  /**
   * True for a job trained from a preference file alone: no noise, sampling or reward service takes
   * part, so they ignore it.
   */
  public boolean offline() {
    return dataset != null && dataset.preferences();
  }
}
