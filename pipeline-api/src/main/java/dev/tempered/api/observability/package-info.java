/**
 * Meters and health checks every service shares: Kafka client metrics, record age, dead-letter
 * counts and Kafka readiness, switched on by auto-configuration wherever the actuator is present.
 */
package dev.tempered.api.observability;
