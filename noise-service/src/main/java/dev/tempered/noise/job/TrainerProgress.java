package dev.tempered.noise.job;

import dev.tempered.api.message.Rollout;

/**
 * What the trainer has done for a job, from its latest {@code Rollout}.
 *
 * @param step optimiser steps completed
 * @param groupsConsumed scored groups taken off the topic (trained on or dropped)
 */
public record TrainerProgress(long step, long groupsConsumed) {

  /** Before the first rollout arrives. */
  public static final TrainerProgress NONE = new TrainerProgress(0, 0);

  public static TrainerProgress of(Rollout rollout) {
    return new TrainerProgress(rollout.step(), rollout.groupsConsumed());
  }

  /**
   * The furthest of this and {@code other}: progress only grows, so a replayed or reordered rollout
   * can never take credit back.
   */
  public TrainerProgress max(TrainerProgress other) {
    return new TrainerProgress(
        Math.max(step, other.step), Math.max(groupsConsumed, other.groupsConsumed));
  }
}
