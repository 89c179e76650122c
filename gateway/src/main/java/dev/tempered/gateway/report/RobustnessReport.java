package dev.tempered.gateway.report;

import java.util.List;

/**
 * How robust each policy version of a job is to noisy prompts.
 *
 * @param versions one summary per evaluated policy version, oldest first
 * @param comparison baseline against the newest complete version; null until both exist
 */
public record RobustnessReport(
    String jobId, int heldOutPrompts, List<VersionSummary> versions, Comparison comparison) {}
