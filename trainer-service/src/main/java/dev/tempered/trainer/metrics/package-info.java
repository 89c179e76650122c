/** Micrometer meters of training progress. */
package dev.tempered.trainer.metrics;
