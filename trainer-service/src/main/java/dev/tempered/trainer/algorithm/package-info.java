/**
 * Pure policy-gradient math over tensors: the clipped surrogate, GRPO's loss with its options (GSPO
 * ratios, truncated importance weights), KL estimators, masked aggregation and per-sample losses.
 * DPO, PPO and group-robust weighting live in subpackages.
 */
package dev.tempered.trainer.algorithm;
