package dev.tempered.api.job;

/**
 * Where prompts come from.
 *
 * @param path file under the configured data root, e.g. {@code tinystories/tinystories_val.txt}
 * @param promptSentences how many opening sentences of a paragraph make the prompt; the sentence
 *     after them is the reference
 * @param heldOutPrompts prompts kept out of training and scored at step 0 and every checkpoint
 */
public record DatasetSpec(String path, int promptSentences, int heldOutPrompts) {}
