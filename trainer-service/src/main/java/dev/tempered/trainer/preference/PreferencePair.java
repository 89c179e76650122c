package dev.tempered.trainer.preference;

/**
 * One preference: a prompt and two completions of it, the chosen (preferred) one and the rejected.
 */
public record PreferencePair(String prompt, String chosen, String rejected) {}
