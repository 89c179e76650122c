package dev.tempered.api.job;

import java.util.Map;

/** Reward components and their weights; the total S is the weighted sum. */
public record RewardSpec(Map<String, Double> weights) {}
