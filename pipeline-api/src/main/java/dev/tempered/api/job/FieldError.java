package dev.tempered.api.job;

/**
 * A problem with one field of a job spec, named by its dotted path, e.g. {@code training.steps}.
 */
public record FieldError(String field, String message) {}
