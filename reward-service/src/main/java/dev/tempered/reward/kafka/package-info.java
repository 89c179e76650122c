/** Kafka plumbing: topics, serdes, error handling, listeners and the result publisher. */
package dev.tempered.reward.kafka;
