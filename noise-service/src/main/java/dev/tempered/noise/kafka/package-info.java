/**
 * Kafka wiring: topics, serdes, the error handler, the jobs and rollouts listeners and the
 * noisy-inputs sender.
 */
package dev.tempered.noise.kafka;
