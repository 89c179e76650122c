/** Trainer service: GRPO updates on scored groups, checkpoints and rollouts. */
package dev.tempered.trainer;
