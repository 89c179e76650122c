/** The sampler service: noisy prompts in, candidate groups with behaviour log-probs out. */
package dev.tempered.sampler;
