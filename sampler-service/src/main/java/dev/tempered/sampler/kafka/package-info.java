/** Kafka wiring: topics, serdes, error handling, the listeners and the candidate publisher. */
package dev.tempered.sampler.kafka;
