package dev.tempered.trainer.training;

import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-side rows of one GRPO step: each non-empty candidate of each group with its prompt,
 * completion, behaviour log-probs, advantage and reward, flattened in group order.
 */
record GrpoBatch(
    List<int[]> prompts,
    List<int[]> completions,
    List<float[]> behaviourLogprobs,
    float[] advantages,
    float[] rewards,
    long[] behaviourVersions,
    float temperature,
    int groupCount,
    int zeroStdGroups) {

  static GrpoBatch of(List<ScoredGroup> groups) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> completions = new ArrayList<>();
    List<float[]> logprobs = new ArrayList<>();
    List<Float> advantages = new ArrayList<>();
    List<Float> rewards = new ArrayList<>();
    List<Long> versions = new ArrayList<>();
    int zeroStd = 0;
    for (ScoredGroup g : groups) {
      if (g.rewardStd() == 0) {
        zeroStd++;
      }
      int[] prompt = toInts(g.promptTokenIds());
      for (ScoredCandidate c : g.candidates()) {
        if (c.tokenIds().isEmpty()) {
          continue;
        }
        prompts.add(prompt);
        completions.add(toInts(c.tokenIds()));
        float[] lp = new float[c.logprobs().size()];
        for (int i = 0; i < lp.length; i++) {
          lp[i] = c.logprobs().get(i);
        }
        logprobs.add(lp);
        advantages.add((float) c.advantage());
        rewards.add((float) c.reward());
        versions.add(g.policyVersion());
      }
    }
    float temperature = groups.isEmpty() ? 1f : groups.get(0).temperature();
    return new GrpoBatch(
        prompts,
        completions,
        logprobs,
        toFloats(advantages),
        toFloats(rewards),
        versions.stream().mapToLong(Long::longValue).toArray(),
        temperature,
        groups.size(),
        zeroStd);
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

  private static int[] toInts(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static float[] toFloats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
