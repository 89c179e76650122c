package dev.tempered.api.job;

/**
 * What a user submits: the model, the data, the noise, sampling, reward and GRPO settings.
 *
 * @param model the model name under the configured model root, e.g. {@code stories260K}
 * @param algorithm the training algorithm; {@code grpo} in this version
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
    TrainingSpec training) {}
