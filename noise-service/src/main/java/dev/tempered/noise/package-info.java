/**
 * The noise service: turns a job's dataset into noisy prompts on the {@code noisy-inputs} topic.
 */
package dev.tempered.noise;
