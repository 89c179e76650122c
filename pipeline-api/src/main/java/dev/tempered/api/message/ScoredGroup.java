package dev.tempered.api.message;

import java.util.List;

/**
 * A scored group: the candidates of one prompt with rewards and advantages, and the selected target
 * T_k. Published on {@code scored-groups}, keyed by job id.
 *
 * @param selectedIndex k, the index of the highest-reward candidate (lowest index on ties)
 */
public record ScoredGroup(
    Envelope envelope,
    String jobId,
    String promptId,
    String group,
    long policyVersion,
    float temperature,
    double curriculumLevel,
    List<Integer> promptTokenIds,
    List<ScoredCandidate> candidates,
    int selectedIndex,
    double rewardMean,
    double rewardStd) {}
