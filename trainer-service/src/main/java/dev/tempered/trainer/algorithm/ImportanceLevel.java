package dev.tempered.trainer.algorithm;

/** Where the importance ratio π/π_old is taken, as TRL's {@code importance_sampling_level}. */
public enum ImportanceLevel {
  /** one ratio per token (GRPO, PPO). */
  TOKEN,
  /**
   * one ratio per sequence, exp of the mean per-token log-ratio over its valid tokens, shared by
   * all its tokens (GSPO, Zheng et al. 2025).
   */
  SEQUENCE
}
