/**
 * A client of OpenAI-compatible chat-completions endpoints (the sampler's among them) with timeout,
 * retries and back-off, for every service that asks a model for text.
 */
package dev.tempered.api.chat;
