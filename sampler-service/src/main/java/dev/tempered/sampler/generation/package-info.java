/** Batched generation of TRAIN candidates and greedy EVAL answers with a held policy. */
package dev.tempered.sampler.generation;
