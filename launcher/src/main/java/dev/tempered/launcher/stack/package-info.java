/**
 * Child processes on loopback: the Kafka broker, the five services, and the stack that owns them.
 */
package dev.tempered.launcher.stack;
