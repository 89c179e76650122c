/** Per-job training state, GRPO steps, checkpoint files and the coordinator that drives them. */
package dev.tempered.trainer.training;
