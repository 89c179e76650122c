/** Each job's policy: base model, newer checkpoints, stop tokens and sampling seeds. */
package dev.tempered.sampler.policy;
