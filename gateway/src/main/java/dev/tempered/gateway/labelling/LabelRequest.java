package dev.tempered.gateway.labelling;

/**
 * The body of a label.
 *
 * @param preferred {@code a}, {@code b}, {@code tie} or {@code skip}
 */
public record LabelRequest(String preferred) {}
