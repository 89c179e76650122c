package dev.tempered.noise.dataset;

/**
 * One clean prompt and the sentence that really follows it in the source text.
 *
 * @param prompt the opening sentences of a paragraph
 * @param reference the next sentence, which rewards compare continuations against
 */
public record Example(String prompt, String reference) {}
