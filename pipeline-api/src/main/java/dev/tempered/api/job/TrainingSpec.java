package dev.tempered.api.job;

/**
 * GRPO hyper-parameters.
 *
 * @param steps optimiser steps in the job
 * @param promptsPerStep scored groups per optimiser step
 * @param beta coefficient of the k3 KL to the frozen reference (0 skips the reference pass)
 * @param epsilonLow lower clip range of the ratio (1 - epsilonLow)
 * @param epsilonHigh upper clip range of the ratio (1 + epsilonHigh)
 * @param maxGradNorm global gradient-norm clip
 * @param checkpointEvery publish a checkpoint every this many steps (and after the last)
 * @param maxStaleness groups whose policy version lags the trainer by more are dropped and counted
 */
public record TrainingSpec(
    int steps,
    int promptsPerStep,
    double learningRate,
    double weightDecay,
    double beta,
    double epsilonLow,
    double epsilonHigh,
    double maxGradNorm,
    int checkpointEvery,
    int maxStaleness) {}
