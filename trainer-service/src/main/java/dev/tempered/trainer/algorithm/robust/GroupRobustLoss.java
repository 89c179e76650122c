package dev.tempered.trainer.algorithm.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.Scalars;
import dev.tempered.trainer.algorithm.SampleLosses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Group DRO objective over per-sample losses of any algorithm: L_g = Σ_{i∈g} w_i·ℓ_i / Σ_{i∈g}
 * w_i (the batch loss restricted to group g), then one {@link GroupWeights} update with the L_g of
 * the groups present, then loss = Σ_g α_g·L_g with the updated α (Sagawa et al. 2020, Algorithm 1).
 * For α [0.5, 0.5], η 0.01 and L [1, 2]: α [0.4975, 0.5025], loss 1.5025.
 */
public final class GroupRobustLoss {

  private GroupRobustLoss() {}

  /**
   * @param loss Σ_g α_g·L_g (differentiable)
   * @param groups per group present in the batch: its loss, mean reward, updated weight, samples
   * @param worstGroup the present group with the highest loss
   */
  public record Result(NDArray loss, Map<String, GroupStats> groups, String worstGroup) {}

  /**
   * @param reward mean reward of the group's samples (NaN when no rewards were given)
   */
  public record GroupStats(double loss, double reward, double weight, int samples) {}

  /**
   * @param sampleGroups the data group of each sample, in the samples' order
   * @param rewards the reward of each sample for the per-group metric, or null
   */
  public static Result compute(
      SampleLosses samples, List<String> sampleGroups, float[] rewards, GroupWeights weights) {
    float[] w = samples.weights().toFloatArray();
    if (sampleGroups.size() != w.length || (rewards != null && rewards.length != w.length)) {
      throw new IllegalArgumentException(
          w.length + " samples but " + sampleGroups.size() + " group labels");
    }
    Map<String, Double> weightSums = new LinkedHashMap<>();
    for (int i = 0; i < w.length; i++) {
      weightSums.merge(sampleGroups.get(i), (double) w[i], Double::sum);
    }
    weightSums.values().removeIf(s -> s <= 0);
    List<String> present = new ArrayList<>(weightSums.keySet());
    if (present.isEmpty()) {
      return new Result(Scalars.mul(samples.losses().sum(), 0), Map.of(), null);
    }
    NDManager manager = samples.losses().getManager();
    float[] share = new float[w.length * present.size()];
    for (int i = 0; i < w.length; i++) {
      int g = present.indexOf(sampleGroups.get(i));
      if (g >= 0) {
        share[i * present.size() + g] = (float) (w[i] / weightSums.get(sampleGroups.get(i)));
      }
    }
    NDArray shares = manager.create(share, new Shape(w.length, present.size()));
    NDArray groupLosses = samples.losses().expandDims(1).mul(shares).sum(new int[] {0});
    float[] losses = groupLosses.toFloatArray();
    Map<String, Double> lossByGroup = new LinkedHashMap<>();
    for (int g = 0; g < present.size(); g++) {
      lossByGroup.put(present.get(g), (double) losses[g]);
    }
    if (lossByGroup.values().stream().anyMatch(l -> !Double.isFinite(l))) {
      // a non-finite step is skipped by the caller; it must not poison the weights either
      return new Result(groupLosses.sum(), Map.of(), null);
    }
    weights.update(lossByGroup);
    float[] alpha = new float[present.size()];
    for (int g = 0; g < alpha.length; g++) {
      alpha[g] = (float) weights.weight(present.get(g));
    }
    NDArray loss = groupLosses.mul(manager.create(alpha)).sum();
    return new Result(
        loss, stats(present, losses, sampleGroups, rewards, weights), worst(lossByGroup));
  }

  private static Map<String, GroupStats> stats(
      List<String> present,
      float[] losses,
      List<String> sampleGroups,
      float[] rewards,
      GroupWeights weights) {
    Map<String, GroupStats> out = new LinkedHashMap<>();
    for (int g = 0; g < present.size(); g++) {
      String name = present.get(g);
      double sum = 0;
      int n = 0;
      for (int i = 0; i < sampleGroups.size(); i++) {
        if (sampleGroups.get(i).equals(name)) {
          n++;
          sum += rewards == null ? 0 : rewards[i];
        }
      }
      double reward = rewards == null ? Double.NaN : sum / n;
      out.put(name, new GroupStats(losses[g], reward, weights.weight(name), n));
    }
    return out;
  }

  private static String worst(Map<String, Double> lossByGroup) {
    return lossByGroup.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
