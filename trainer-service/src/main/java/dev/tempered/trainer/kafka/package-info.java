/** Kafka wiring: topics, serdes, listeners and the publisher. */
package dev.tempered.trainer.kafka;
