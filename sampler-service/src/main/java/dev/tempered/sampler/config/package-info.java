/** Typed settings of the sampler service and the beans built from them. */
package dev.tempered.sampler.config;
