package dev.tempered.api.message;

/**
 * One online preference pair of a scored group, for DPO: the target T_k (chosen) against the
 * lowest-scored candidate (rejected), by total S.
 *
 * @param chosenIndex index of the chosen candidate in the group (k)
 * @param rejectedIndex index of the rejected candidate in the group
 * @param chosenScore S of the chosen candidate
 * @param rejectedScore S of the rejected candidate, strictly lower than {@code chosenScore}
 */
public record PreferencePair(
    int chosenIndex, int rejectedIndex, double chosenScore, double rejectedScore) {}
