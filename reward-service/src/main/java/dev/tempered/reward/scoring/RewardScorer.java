package dev.tempered.reward.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes S(x', y) = sum over the job's weights of weight * component(y, reference), and the
 * reward of the policy update: S itself, or in {@code targetSimilarity} mode the similarity of each
 * candidate to the group's target T_k (the design's R(x', T_k, y)).
 */
public final class RewardScorer {

  private final Map<String, Double> weights;
  private final Map<String, RewardComponent> components = new LinkedHashMap<>();
  private final String targetSimilarity;
  private final RewardComponent similarity;

  /**
   * A scorer whose policy rewards are S; see {@link #RewardScorer(Map, String, RewardComponents)}.
   */
  public RewardScorer(Map<String, Double> weights, RewardComponents known) {
    this(weights, null, known);
  }

  /**
   * A scorer for one job's weights; every name is resolved now so a bad spec fails before scoring.
   *
   * @param targetSimilarity a similarity component name, or null for rewards = S
   * @throws IllegalArgumentException when the weights are empty, name an unknown component, or hold
   *     a weight that is not a finite number, or the target similarity is not a similarity
   */
  public RewardScorer(
      Map<String, Double> weights, String targetSimilarity, RewardComponents known) {
    if (weights == null || weights.isEmpty()) {
      throw new IllegalArgumentException(
          "reward weights must name at least one component of " + known.names());
    }
    // Sorted, so the components map and the sum come out in the same order on every instance.
    this.weights = new TreeMap<>(weights);
    this.weights.forEach(
        (name, weight) -> {
          if (weight == null || !Double.isFinite(weight)) {
            throw new IllegalArgumentException(
                "reward weight of '" + name + "' must be a finite number, was " + weight);
          }
          components.put(name, known.get(name));
        });
    this.targetSimilarity = targetSimilarity;
    this.similarity = targetSimilarity == null ? null : known.similarity(targetSimilarity);
  }

  /** The weights this scorer applies, sorted by component name. */
  public Map<String, Double> weights() {
    return Map.copyOf(weights);
  }

  /** The similarity component that gives the policy rewards, or null when they are S. */
  public String targetSimilarity() {
    return targetSimilarity;
  }

  /** Every component of {@code candidate} against {@code reference} and the weighted total. */
  public CandidateScore score(String candidate, String reference) {
    return score("", candidate, reference);
  }

  /**
   * Every component of {@code candidate}, the answer to {@code prompt}, against {@code reference}
   * and the weighted total. A {@link FallibleRewardComponent} that fails (NaN) counts 0, so S stays
   * a finite weighted sum and a failed judge never lifts a candidate; its {@code <name>.failed}
   * entry (0 or 1, not weighted) reports the failure in the group.
   */
  public CandidateScore score(String prompt, String candidate, String reference) {
    return score(prompt, candidate, reference, null);
  }

  /**
   * As {@link #score(String, String, String)}, with the policy's answer to the clean prompt for the
   * {@code consistency} component (null when the group has none).
   *
   * @throws IllegalArgumentException when the weights name consistency and {@code cleanAnswer} is
   *     null
   */
  public CandidateScore score(
      String prompt, String candidate, String reference, String cleanAnswer) {
    return scoreAll(prompt, List.of(candidate), reference, cleanAnswer).get(0);
  }

  /**
   * {@link #score(String, String, String, String)} of every candidate of a group that answered
   * {@code prompt}; a {@link GroupRewardComponent} scores them all in one call.
   */
  public List<CandidateScore> scoreAll(
      String prompt, List<String> candidates, String reference, String cleanAnswer) {
    int n = candidates.size();
    List<Map<String, Double>> values = new ArrayList<>(n);
    double[] totals = new double[n];
    for (int i = 0; i < n; i++) {
      values.add(new LinkedHashMap<>());
    }
    for (Map.Entry<String, RewardComponent> entry : components.entrySet()) {
      RewardComponent component = entry.getValue();
      double[] scores = new double[n];
      if (component instanceof GroupRewardComponent group) {
        scores = group.scoreGroup(prompt, candidates, reference);
      } else {
        for (int i = 0; i < n; i++) {
          scores[i] = component.score(prompt, candidates.get(i), reference, cleanAnswer);
        }
      }
      for (int i = 0; i < n; i++) {
        double value = scores[i];
        if (component instanceof FallibleRewardComponent) {
          boolean failed = Double.isNaN(value);
          value = failed ? 0 : value;
          values
              .get(i)
              .put(entry.getKey() + FallibleRewardComponent.FAILED_SUFFIX, failed ? 1.0 : 0.0);
        }
        values.get(i).put(entry.getKey(), value);
        totals[i] += weights.get(entry.getKey()) * value;
      }
    }
    List<CandidateScore> scores = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      scores.add(new CandidateScore(values.get(i), totals[i]));
    }
    return scores;
  }

  /**
   * The rewards of the policy update: {@code totals} (S) by default, else each text's similarity to
   * the target {@code texts.get(target)}, which is 1 for the target itself unless it is empty.
   */
  public double[] policyRewards(List<String> texts, double[] totals, int target) {
    if (similarity == null) {
      return totals.clone();
    }
    String targetText = texts.get(target);
    double[] rewards = new double[texts.size()];
    for (int i = 0; i < rewards.length; i++) {
      rewards[i] = similarity.score(texts.get(i), targetText);
    }
    return rewards;
  }
}
