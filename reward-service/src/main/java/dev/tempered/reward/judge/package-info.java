/**
 * The {@code llm-judge} reward component: requests through pipeline-api's chat-completions client
 * (timeouts, retries with exponential back-off), a cache keyed by the full request, and a failure
 * mode that lets the pipeline go on.
 */
package dev.tempered.reward.judge;
