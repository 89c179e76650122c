package dev.tempered.trainer.algorithm.robust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adversary's weights α over data groups, updated by exponentiated gradient: α_g ← α_g·exp(η·
 * L_g) for each group present in the batch, then renormalised to sum to 1. Weights start uniform; a
 * group first seen later joins with an equal share 1/(G + 1) while the others keep their ratios.
 * For [0.5, 0.5], η 0.01 and group losses [1, 2]: [0.4975, 0.5025]. Not thread-safe.
 */
public final class GroupWeights {

  private final double eta;
  private final Map<String, Double> weights = new LinkedHashMap<>();

  /**
   * @param eta the step size η > 0 of the exponentiated-gradient update
   * @param groups the groups known from the start (may be empty)
   */
  public GroupWeights(double eta, List<String> groups) {
    if (!(eta > 0) || !Double.isFinite(eta)) {
      throw new IllegalArgumentException("eta must be a finite number > 0, got " + eta);
    }
    this.eta = eta;
    for (String g : groups) {
      weights.putIfAbsent(g, 0.0);
    }
    weights.replaceAll((g, w) -> 1.0 / weights.size());
  }

  /** Adds groups not seen yet, each with share 1/(G + 1). */
  public void include(List<String> groups) {
    for (String g : groups) {
      if (!weights.containsKey(g)) {
        int n = weights.size();
        weights.replaceAll((k, w) -> w * n / (n + 1));
        weights.put(g, 1.0 / (n + 1));
      }
    }
  }

  /**
   * One exponentiated-gradient step; groups without a loss this batch are only renormalised.
   *
   * @param groupLosses L_g per group present in the batch
   */
  public void update(Map<String, Double> groupLosses) {
    include(new ArrayList<>(groupLosses.keySet()));
    // Subtracting the largest exponent first leaves the normalised result unchanged and keeps
    // exp from overflowing when losses are large.
    double maxExponent = groupLosses.values().stream().mapToDouble(l -> eta * l).max().orElse(0);
    double shift = Math.max(0, maxExponent);
    double total = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      Double loss = groupLosses.get(e.getKey());
      double w = e.getValue() * Math.exp((loss == null ? 0 : eta * loss) - shift);
      e.setValue(w);
      total += w;
    }
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      e.setValue(e.getValue() / total);
    }
  }

  /** α_g; 0 for an unknown group. */
  public double weight(String group) {
    return weights.getOrDefault(group, 0.0);
  }

  /** An independent copy: updating it leaves these weights as they are. */
  public GroupWeights copy() {
    GroupWeights copy = new GroupWeights(eta, List.of());
    copy.weights.putAll(weights);
    return copy;
  }

  /** Every group's weight, in the order the groups were first seen. */
  public Map<String, Double> weights() {
    return Collections.unmodifiableMap(weights);
  }
}
