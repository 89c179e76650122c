package dev.tempered.api.message;

import java.util.List;

/**
 * What one optimiser step trained on and how it went. Published on {@code rollouts} keyed by job
 * id. A rollout with no samples and null metrics reports consumption only: groups were dropped as
 * stale or a step was skipped for a non-finite loss, and {@code groupsConsumed} moved without a new
 * step.
 *
 * @param groupsConsumed scored groups the trainer has taken off the topic for this job so far
 *     (trained on or dropped); the noise service uses it as its credit for more prompts
 */
public record Rollout(
    Envelope envelope,
    String jobId,
    long step,
    long policyVersion,
    long groupsConsumed,
    TrainingMetrics metrics,
    List<RolloutSample> samples) {}
