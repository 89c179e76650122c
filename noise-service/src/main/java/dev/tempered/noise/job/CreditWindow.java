package dev.tempered.noise.job;

import dev.tempered.api.job.TrainingSpec;

/**
 * Bounds the TRAIN prompts in flight per job: at most two optimiser steps' worth of prompts ahead
 * of what the trainer consumed, and no more in total than the job's steps need plus one more for
 * every group the trainer dropped.
 */
public final class CreditWindow {

  /** How many optimiser steps of prompts may be in flight ahead of the trainer. */
  public static final int STEPS_AHEAD = 2;

  private CreditWindow() {}

  /**
   * TRAIN prompts the job needs in all: {@code steps * promptsPerStep} plus the groups the trainer
   * dropped, which it reports as {@code groupsConsumed - step * promptsPerStep} when positive.
   */
  public static long target(TrainingSpec training, TrainerProgress progress) {
    long perStep = training.promptsPerStep();
    long dropped = Math.max(0, progress.groupsConsumed() - progress.step() * perStep);
    return (long) training.steps() * perStep + dropped;
  }

  /** How many more TRAIN prompts may be published now, after {@code published} so far. */
  public static long allowance(long published, TrainingSpec training, TrainerProgress progress) {
    long window = (long) STEPS_AHEAD * training.promptsPerStep();
    long ahead = published - progress.groupsConsumed();
    long byWindow = window - ahead;
    long byTarget = target(training, progress) - published;
    return Math.max(0, Math.min(byWindow, byTarget));
  }
}
