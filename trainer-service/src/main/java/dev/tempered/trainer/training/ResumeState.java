package dev.tempered.trainer.training;

/**
 * What a checkpoint needs beside its weights for the trainer to go on from it after a restart,
 * stored as {@code v<version>.state.json} next to {@code v<version>.bin}.
 *
 * @param version the checkpoint version (the policy version samplers know it by)
 * @param step optimiser steps applied when it was written
 * @param groupsConsumed scored groups taken off the topic until then (trained on or dropped)
 * @param droppedStale groups dropped as stale (or from a future version) until then
 * @param weightsSha256 sha256 of {@code v<version>.bin}, so a replaced or torn file is not resumed
 * @param optimizerFile the AdamW moments file beside it
 * @param optimizerSteps AdamW updates applied (several per step with several GRPO iterations), for
 *     its bias correction
 */
record ResumeState(
    long version,
    long step,
    long groupsConsumed,
    long droppedStale,
    String weightsSha256,
    String optimizerFile,
    long optimizerSteps) {}
