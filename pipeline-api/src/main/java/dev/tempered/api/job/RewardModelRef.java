package dev.tempered.api.job;

/**
 * Which learned reward model the {@code reward-model} component scores with: a version of the
 * Bradley–Terry model trained by a {@code reward-model} job.
 *
 * @param job the id of the reward-model job that trained it
 * @param version the checkpoint version; null for the newest one written
 */
public record RewardModelRef(String job, Long version) {}
