package dev.tempered.api.job;

import java.util.Map;

/**
 * Reward components and their weights; the total S is the weighted sum.
 *
 * @param weights component name to weight
 * @param targetSimilarity optional: a similarity component ({@code chrf}, {@code chrf++}, {@code
 *     rouge-l}, {@code bleu}); when set, each candidate's reward for the policy update is its
 *     similarity to the group's target T_k instead of S (the design's R(x', T_k, y)); absent or
 *     null means the reward is S
 * @param regex optional: the pattern of the {@code regex} component (Java syntax, searched anywhere
 *     in the candidate); required when the weights name {@code regex}
 * @param rewardModel optional: the learned reward model of the {@code reward-model} component;
 *     required when the weights name {@code reward-model}
 * @param labelling optional: offer the job's DPO pairs for human labelling through the gateway;
 *     absent or null means no pair is offered
 */
public record RewardSpec(
    Map<String, Double> weights,
    String targetSimilarity,
    String regex,
    RewardModelRef rewardModel,
    LabellingSpec labelling) {

  /** No learned reward model and no labelling. */
  public RewardSpec(Map<String, Double> weights, String targetSimilarity, String regex) {
    this(weights, targetSimilarity, regex, null, null);
  }

  /** No labelling. */
  public RewardSpec(
      Map<String, Double> weights,
      String targetSimilarity,
      String regex,
      RewardModelRef rewardModel) {
    this(weights, targetSimilarity, regex, rewardModel, null);
  }

  /** Weights only: rewards are S and no regex component is configured. */
  public RewardSpec(Map<String, Double> weights) {
    this(weights, null, null, null, null);
  }
}
