/**
 * The single model thread and the per-job state it owns: jobs, pending inputs, held-out prompts.
 */
package dev.tempered.sampler.worker;
