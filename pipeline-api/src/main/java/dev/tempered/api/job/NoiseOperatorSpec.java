package dev.tempered.api.job;

/**
 * One noise operator in a job's mixture.
 *
 * @param kind the operator, e.g. {@code misspelling} or {@code word-dropout}
 * @param weight relative probability that a prompt gets this operator
 * @param group data-group label carried with every sample this operator produced
 */
public record NoiseOperatorSpec(String kind, double weight, String group) {}
