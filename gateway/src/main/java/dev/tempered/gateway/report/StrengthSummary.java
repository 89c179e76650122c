package dev.tempered.gateway.report;

import java.util.List;

/**
 * Held-out scores of one policy version at one noise strength.
 *
 * @param strength the noise strength in [0,1] the noisy prompts were made at
 * @param scored distinct held-out prompts scored at this strength so far
 * @param complete whether every held-out prompt has been scored at this strength
 * @param gap {@code meanClean - meanNoisy}
 * @param families the means per noise family at this strength, as {@link VersionSummary#families}
 */
public record StrengthSummary(
    double strength,
    int scored,
    boolean complete,
    double meanClean,
    double meanNoisy,
    double gap,
    List<GroupSummary> families) {}
