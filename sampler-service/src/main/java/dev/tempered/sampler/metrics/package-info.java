/** Micrometer meters of the sampler: tokens/s, batch fill, policy version per job, input fates. */
package dev.tempered.sampler.metrics;
