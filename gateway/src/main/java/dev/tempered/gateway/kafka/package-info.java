/**
 * Kafka wiring of the gateway: topics, serdes, error handling, the job writer and the listeners.
 */
package dev.tempered.gateway.kafka;
