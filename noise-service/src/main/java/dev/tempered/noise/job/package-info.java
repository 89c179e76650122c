/**
 * Per-job publishing: which jobs run, the trainer's credit, and the loop that turns examples into
 * noisy prompts.
 */
package dev.tempered.noise.job;
