/** Batched incremental sampling and greedy decoding with per-token log-probs. */
package dev.tempered.model.generation;
