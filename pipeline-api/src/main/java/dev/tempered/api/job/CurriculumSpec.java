package dev.tempered.api.job;

/**
 * How noise strength grows with training progress: from {@code startStrength} at step 0 to {@code
 * endStrength} at the last step along {@code schedule} ({@code constant}, {@code linear}, {@code
 * cosine}).
 */
public record CurriculumSpec(String schedule, double startStrength, double endStrength) {}
