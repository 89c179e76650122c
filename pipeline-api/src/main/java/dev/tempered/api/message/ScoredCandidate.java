package dev.tempered.api.message;

import java.util.List;
import java.util.Map;

/**
 * A candidate with every reward component, the weighted total and the GRPO advantage.
 *
 * @param components each reward component by name, before weighting
 * @param reward the weighted sum of the components: S(x', y)
 */
public record ScoredCandidate(
    String text,
    List<Integer> tokenIds,
    List<Float> logprobs,
    String finishReason,
    Map<String, Double> components,
    double reward,
    double advantage) {}
