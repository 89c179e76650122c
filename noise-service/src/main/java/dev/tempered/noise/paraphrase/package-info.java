/** Paraphrases asked of a model over OpenAI-compatible chat completions (the sampler's). */
package dev.tempered.noise.paraphrase;
