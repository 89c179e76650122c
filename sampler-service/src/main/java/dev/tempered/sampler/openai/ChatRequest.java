package dev.tempered.sampler.openai;

import java.util.List;

/**
 * A validated chat-completions request.
 *
 * @param model {@code job:<jobId>} or a base model name
 * @param messages the conversation's text contents, in order
 * @param temperature 0 decodes greedily
 * @param topP nucleus mass, 1 = off
 * @param maxTokens the completion's token budget, or null for all room left in the context
 * @param n completions to return
 * @param seed the sampling seed, or null for a fresh random one
 * @param stop strings that end a completion (not included in it)
 */
public record ChatRequest(
    String model,
    List<String> messages,
    float temperature,
    float topP,
    Integer maxTokens,
    int n,
    Long seed,
    List<String> stop) {}
