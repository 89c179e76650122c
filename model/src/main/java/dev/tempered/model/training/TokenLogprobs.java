package dev.tempered.model.training;

import ai.djl.ndarray.NDArray;

/**
 * Per-token results of a teacher-forced pass over completions, each [B, C]; values at padding are
 * not meaningful and must be masked by the caller.
 */
public record TokenLogprobs(NDArray logprobs, NDArray entropy) {}
