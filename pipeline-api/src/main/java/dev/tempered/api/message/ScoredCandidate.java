package dev.tempered.api.message;

import java.util.List;
import java.util.Map;

/**
 * A candidate with every reward component, the weighted total and the GRPO advantage.
 *
 * @param components each reward component by name, before weighting
 * @param reward the scalar reward of the policy update: S(x', y) by default, the candidate's
 *     similarity to T_k in {@code targetSimilarity} mode. GRPO's advantage is computed from it, and
 *     it is PPO's scalar reward (placed on the last completion token by the trainer)
 * @param total S(x', y), the weighted sum of the components; null in records from before this field
 *     existed, where {@code reward} is S
 */
public record ScoredCandidate(
    String text,
    List<Integer> tokenIds,
    List<Float> logprobs,
    String finishReason,
    Map<String, Double> components,
    double reward,
    double advantage,
    Double total) {

  /** A candidate whose reward is S itself. */
  public ScoredCandidate(
      String text,
      List<Integer> tokenIds,
      List<Float> logprobs,
      String finishReason,
      Map<String, Double> components,
      double reward,
      double advantage) {
    this(text, tokenIds, logprobs, finishReason, components, reward, advantage, reward);
  }
}
