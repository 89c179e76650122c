/** Pure GRPO math over tensors: clipped surrogate, KL estimators, masked aggregation. */
package dev.tempered.trainer.algorithm;
