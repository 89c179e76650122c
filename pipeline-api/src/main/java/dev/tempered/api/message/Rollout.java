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
 * @param failure null while the job trains; otherwise why the trainer gave the job up (its model
 *     could not be loaded, too many non-finite steps in a row, ...), and the gateway fails the job
 *     with it. Optional: absent in older messages.
 */
public record Rollout(
    Envelope envelope,
    String jobId,
    long step,
    long policyVersion,
    long groupsConsumed,
    TrainingMetrics metrics,
    List<RolloutSample> samples,
    String failure) {

  /** A rollout of a job that trains on (no failure). */
  public Rollout(
      Envelope envelope,
      String jobId,
      long step,
      long policyVersion,
      long groupsConsumed,
      TrainingMetrics metrics,
      List<RolloutSample> samples) {
    this(envelope, jobId, step, policyVersion, groupsConsumed, metrics, samples, null);
  }

  /** The trainer's last word on a job it gave up: no metrics, no samples, the reason. */
  public static Rollout failed(
      String jobId, long step, long policyVersion, long groupsConsumed, String failure) {
    return new Rollout(
        Envelope.create(), jobId, step, policyVersion, groupsConsumed, null, List.of(), failure);
  }
}
