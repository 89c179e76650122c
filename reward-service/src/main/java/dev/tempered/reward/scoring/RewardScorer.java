package dev.tempered.reward.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Computes S(x', y) = sum over the job's weights of weight * component(y, reference). */
public final class RewardScorer {

  private final Map<String, Double> weights;
  private final Map<String, RewardComponent> components = new LinkedHashMap<>();

  /**
   * A scorer for one job's weights; every name is resolved now so a bad spec fails before scoring.
   *
   * @throws IllegalArgumentException when the weights are empty, name an unknown component, or hold
   *     a weight that is not a finite number
   */
  public RewardScorer(Map<String, Double> weights, RewardComponents known) {
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
  }

  /** The weights this scorer applies, sorted by component name. */
  public Map<String, Double> weights() {
    return Map.copyOf(weights);
  }

  /** Every component of {@code candidate} against {@code reference} and the weighted total. */
  public CandidateScore score(String candidate, String reference) {
    Map<String, Double> values = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, RewardComponent> entry : components.entrySet()) {
      double value = entry.getValue().score(candidate, reference);
      values.put(entry.getKey(), value);
      total += weights.get(entry.getKey()) * value;
    }
    return new CandidateScore(values, total);
  }
}
