package dev.tempered.api.advantage;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the centred reward r − mean_group is divided by (TRL's {@code scale_rewards}): the group's
 * std, the whole batch's std, or nothing (Dr. GRPO). Stds are Bessel-corrected; ε 1e-4 is added.
 */
public enum RewardScaling {
  /** ÷ (std of the prompt's group + ε): the original GRPO of DeepSeekMath. */
  GROUP,
  /** ÷ (std over every reward of the batch + ε): the mean stays per group. */
  BATCH,
  /** no division: advantages are r − mean_group (Dr. GRPO). */
  NONE;

  /** The job-spec spelling: {@code group}, {@code batch} or {@code none}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the allowed values when {@code name} is none of them
   */
  public static RewardScaling fromWireName(String name) {
    for (RewardScaling s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown reward scaling '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(RewardScaling::wireName).toList());
  }
}
