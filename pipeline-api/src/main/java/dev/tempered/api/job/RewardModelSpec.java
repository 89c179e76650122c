package dev.tempered.api.job;

/**
 * Settings of a {@code reward-model} job ({@code training.rewardModel}); every field is optional,
 * absent means the default.
 *
 * @param maxPromptTokens prompt tokens kept of a pair, BOS included (the prompt's end, as TRL's
 *     {@code keep_end}); default 128
 * @param maxCompletionTokens tokens kept of each completion (its start); default 128
 * @param centerRewardsCoefficient weight of mean((r_chosen + r_rejected)²), which keeps rewards
 *     centred on 0 (TRL's {@code center_rewards_coefficient}); default 0 (off)
 */
public record RewardModelSpec(
    Integer maxPromptTokens, Integer maxCompletionTokens, Double centerRewardsCoefficient) {

  /** Every field at its default. */
  public static RewardModelSpec defaults() {
    return new RewardModelSpec(null, null, null);
  }

  public int maxPromptTokensOrDefault() {
    return maxPromptTokens == null ? DpoSpec.DEFAULT_MAX_PROMPT_TOKENS : maxPromptTokens;
  }

  public int maxCompletionTokensOrDefault() {
    return maxCompletionTokens == null
        ? DpoSpec.DEFAULT_MAX_COMPLETION_TOKENS
        : maxCompletionTokens;
  }

  public double centerRewardsCoefficientOrDefault() {
    return centerRewardsCoefficient == null ? 0.0 : centerRewardsCoefficient;
  }
}
