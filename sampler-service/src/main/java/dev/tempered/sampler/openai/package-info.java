/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} endpoint over the sampler's policies, so
 * an LLM-judge client, tests and small deployments can query a real model over real HTTP.
 */
package dev.tempered.sampler.openai;
