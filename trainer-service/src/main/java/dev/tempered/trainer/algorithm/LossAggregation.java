package dev.tempered.trainer.algorithm;

/**
 * How per-token losses become one number (DESIGN.md section 4). For per-token losses [1,1] and
 * [2,2,2,2] with L_max 4: sequence-mean 1.5, token-mean 1.666667, dr-grpo 1.25.
 */
public enum LossAggregation {
  /** Mean over sequences of each sequence's mean over its tokens (the original GRPO paper). */
  SEQUENCE_MEAN,
  /** Sum over all valid tokens divided by their count (DAPO; TRL's default). */
  TOKEN_MEAN,
  /** Sum over all valid tokens divided by batch size × max completion length (Dr. GRPO). */
  DR_GRPO
}
