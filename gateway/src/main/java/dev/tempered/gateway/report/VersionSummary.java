package dev.tempered.gateway.report;

import java.util.List;

/**
 * Held-out scores of one policy version.
 *
 * @param scored distinct held-out prompts scored so far
 * @param expected held-out prompts the job asked for ({@code dataset.heldOutPrompts})
 * @param complete whether every held-out prompt has been scored
 * @param gap {@code meanClean - meanNoisy}: what the noise costs
 * @param worstGroup the group with the lowest mean noisy score
 * @param families mean scores per noise family (character, word, token, or none for unchanged
 *     prompts); a prompt counts once in each family of its noise kinds, and prompts scored before
 *     noise kinds were recorded are left out
 * @param strengths mean scores per noise strength, weakest first: the curriculum's held-out
 *     strength and each of the job's {@code noise.evaluationStrengths}; prompts scored before
 *     strengths were recorded are left out. Every other field counts the curriculum's held-out
 *     strength only.
 */
public record VersionSummary(
    long policyVersion,
    int scored,
    int expected,
    boolean complete,
    double meanClean,
    double meanNoisy,
    double gap,
    String worstGroup,
    List<GroupSummary> groups,
    List<GroupSummary> families,
    List<StrengthSummary> strengths) {}
