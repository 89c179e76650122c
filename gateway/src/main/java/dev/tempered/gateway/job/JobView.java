package dev.tempered.gateway.job;

import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.TrainingMetrics;
import java.time.Instant;

/**
 * A job as the REST API shows it: the record's state joined with the newest rollout and checkpoint.
 *
 * @param step the newest optimiser step
 * @param totalSteps {@code training.steps} of the spec
 * @param latestReward mean reward of the newest step
 * @param latestLoss loss of the newest step
 * @param metrics every metric of the newest step; null before the first rollout
 * @param policyVersion policy version after the newest step; null before the first rollout
 * @param checkpoint the newest checkpoint; null before the first
 */
public record JobView(
    String id,
    String name,
    JobState state,
    long step,
    long totalSteps,
    Double latestReward,
    Double latestLoss,
    TrainingMetrics metrics,
    Long policyVersion,
    CheckpointView checkpoint,
    Instant submittedAt,
    Instant updatedAt,
    String error,
    JobSpec spec) {}
