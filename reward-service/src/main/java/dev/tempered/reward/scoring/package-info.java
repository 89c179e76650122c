/**
 * Pure reward math with no Spring or Kafka: chrF, sentence-end, the weighted total S, target
 * selection and GRPO advantages.
 */
package dev.tempered.reward.scoring;
