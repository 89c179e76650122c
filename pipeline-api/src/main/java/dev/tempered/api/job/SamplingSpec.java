package dev.tempered.api.job;

/** How the sampler generates candidates: n per prompt, temperature, and a token budget. */
public record SamplingSpec(int candidates, double temperature, int maxNewTokens) {}
