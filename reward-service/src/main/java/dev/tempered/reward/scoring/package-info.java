/**
 * Pure reward math with no Spring or Kafka: the reward components (chrF, chrF++, ROUGE-L, BLEU,
 * exact match, numeric answers, format checks), the weighted total S, target selection, preference
 * pairs and GRPO advantages.
 */
package dev.tempered.reward.scoring;
