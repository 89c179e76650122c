package dev.tempered.reward.scoring;

import java.util.Map;

/**
 * One candidate's reward components (unweighted, by name) and their weighted total S.
 *
 * @param components every component named in the weights, in the weights' name order
 * @param total S = sum over weights of weight * component
 */
public record CandidateScore(Map<String, Double> components, double total) {}
