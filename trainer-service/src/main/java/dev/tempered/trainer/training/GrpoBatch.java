package dev.tempered.trainer.training;

import dev.tempered.api.advantage.GroupRelativeAdvantages;
import dev.tempered.api.advantage.RewardScaling;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.trainer.algorithm.GroupFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-side rows of one GRPO step: each non-empty candidate of each kept group with its prompt,
 * completion, behaviour log-probs, advantage, reward and data group, flattened in group order.
 *
 * @param keep per row, 0 for a completion that leaves the loss (cut at the length limit while
 *     truncated completions are masked), else 1
 * @param zeroStdGroups groups whose rewards had zero std (all of them, dropped or not)
 * @param droppedZeroVariance groups the zero-variance filter removed from this step
 */
record GrpoBatch(
    List<int[]> prompts,
    List<int[]> completions,
    List<float[]> behaviourLogprobs,
    float[] advantages,
    float[] rewards,
    long[] behaviourVersions,
    List<String> dataGroups,
    float[] keep,
    float temperature,
    int groupCount,
    int zeroStdGroups,
    int droppedZeroVariance) {

  /** With the first version's defaults: the reward service's group-scaled advantages, all rows. */
  static GrpoBatch of(List<ScoredGroup> groups) {
    return of(groups, RewardScaling.GROUP, false, false);
  }

  /**
   * @param scaling {@code GROUP} keeps the advantages the reward service computed; the others
   *     recompute them from the candidates' rewards over this step's batch
   */
  static GrpoBatch of(
      List<ScoredGroup> groups,
      RewardScaling scaling,
      boolean filterZeroVariance,
      boolean maskTruncated) {
    List<double[]> groupRewards = groups.stream().map(GrpoBatch::rewards).toList();
    double[][] advantages =
        scaling == RewardScaling.GROUP || groups.isEmpty()
            ? null
            : GroupRelativeAdvantages.compute(groupRewards, scaling);
    boolean[] kept =
        filterZeroVariance
            ? GroupFilter.zeroVariance(groupRewards).keep()
            : new boolean[groups.size()];
    Rows rows = new Rows();
    int zeroStd = 0;
    int dropped = 0;
    for (int gi = 0; gi < groups.size(); gi++) {
      ScoredGroup g = groups.get(gi);
      if (g.rewardStd() == 0) {
        zeroStd++;
      }
      if (filterZeroVariance && !kept[gi]) {
        dropped++;
        continue;
      }
      for (int i = 0; i < g.candidates().size(); i++) {
        ScoredCandidate c = g.candidates().get(i);
        if (!c.tokenIds().isEmpty()) {
          double advantage = advantages == null ? c.advantage() : advantages[gi][i];
          rows.add(g, c, advantage, maskTruncated && "length".equals(c.finishReason()));
        }
      }
    }
    float temperature = groups.isEmpty() ? 1f : groups.get(0).temperature();
    return rows.build(temperature, groups.size(), zeroStd, dropped);
  }

  int size() {
    return prompts.size();
  }

  /** Behaviour log-probs right-padded with 0 to [B, width], row-major. */
  float[] paddedBehaviourLogprobs(int width) {
    float[] out = new float[size() * width];
    for (int b = 0; b < size(); b++) {
      float[] row = behaviourLogprobs.get(b);
      System.arraycopy(row, 0, out, b * width, Math.min(width, row.length));
    }
    return out;
  }

  private static double[] rewards(ScoredGroup g) {
    return g.candidates().stream().mapToDouble(ScoredCandidate::reward).toArray();
  }

  /** Collects rows before they become the record's arrays. */
  private static final class Rows {
    final List<int[]> prompts = new ArrayList<>();
    final List<int[]> completions = new ArrayList<>();
    final List<float[]> logprobs = new ArrayList<>();
    final List<Double> advantages = new ArrayList<>();
    final List<Double> rewards = new ArrayList<>();
    final List<Long> versions = new ArrayList<>();
    final List<String> dataGroups = new ArrayList<>();
    final List<Boolean> masked = new ArrayList<>();

    void add(ScoredGroup g, ScoredCandidate c, double advantage, boolean maskOut) {
      prompts.add(g.promptTokenIds().stream().mapToInt(Integer::intValue).toArray());
      completions.add(c.tokenIds().stream().mapToInt(Integer::intValue).toArray());
      float[] lp = new float[c.logprobs().size()];
      for (int i = 0; i < lp.length; i++) {
        lp[i] = c.logprobs().get(i);
      }
      logprobs.add(lp);
      advantages.add(advantage);
      rewards.add(c.reward());
      versions.add(g.policyVersion());
      dataGroups.add(g.group());
      masked.add(maskOut);
    }

    GrpoBatch build(float temperature, int groupCount, int zeroStd, int dropped) {
      float[] keep = new float[masked.size()];
      for (int i = 0; i < keep.length; i++) {
        keep[i] = masked.get(i) ? 0f : 1f;
      }
      return new GrpoBatch(
          prompts,
          completions,
          logprobs,
          toFloats(advantages),
          toFloats(rewards),
          versions.stream().mapToLong(Long::longValue).toArray(),
          dataGroups,
          keep,
          temperature,
          groupCount,
          zeroStd,
          dropped);
    }

    private static float[] toFloats(List<Double> values) {
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = values.get(i).floatValue();
      }
      return out;
    }
  }
}
