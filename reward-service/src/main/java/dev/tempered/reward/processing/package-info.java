/**
 * Turning candidate groups into scored groups and evaluations: dedup, weights lookup, scoring and
 * per-job component statistics, independent of Kafka.
 */
package dev.tempered.reward.processing;
