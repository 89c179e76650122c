/** Kafka JSON serdes and dead-letter error handling shared by every service. */
package dev.tempered.api.kafka;
