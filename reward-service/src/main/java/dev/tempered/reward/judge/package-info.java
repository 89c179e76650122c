/**
 * The {@code llm-judge} reward component: an OpenAI-compatible chat-completions client with
 * timeouts, retries with exponential back-off, a cache keyed by the full request, and a failure
 * mode that lets the pipeline go on.
 */
package dev.tempered.reward.judge;
