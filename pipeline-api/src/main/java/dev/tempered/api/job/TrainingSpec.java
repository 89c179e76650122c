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
 * @param scaleRewards optional: {@code group} (default), {@code batch} or {@code none}; what the
 *     centred rewards are divided by (TRL's {@code scale_rewards})
 * @param lossAggregation optional: {@code token-mean} (default), {@code sequence-mean} or {@code
 *     dr-grpo}
 * @param iterationsPerBatch optional: optimiser steps on each batch (GRPO's μ), default 1
 * @param importanceLevel optional: {@code token} (default) or {@code sequence} (GSPO) ratios
 * @param truncatedIsCap optional: cap of the truncated importance weight π_old/π_behaviour; absent
 *     means off (the ratio is taken against the behaviour log-probs directly)
 * @param filterZeroVarianceGroups optional: drop groups whose rewards are all equal (counted),
 *     default false
 * @param maskTruncatedCompletions optional: completions cut at the length limit leave the loss and
 *     its normaliser, default false
 * @param groupRobust optional: group-robust (Group DRO) weighting over data groups; absent means
 *     off
 * @param adversarial optional: embedding-space FGSM/PGD adversarial training of the policy; absent
 *     means off
 * @param dpo optional: the DPO loss of a {@code dpo} job; absent means {@link DpoSpec#defaults()}
 * @param ppo optional: PPO settings for algorithm {@code ppo}; absent means {@link
 *     PpoSpec#DEFAULTS}
 * @param rewardModel optional: settings of a {@code reward-model} job; absent means {@link
 *     RewardModelSpec#defaults()}
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
    int maxStaleness,
    String scaleRewards,
    String lossAggregation,
    Integer iterationsPerBatch,
    String importanceLevel,
    Double truncatedIsCap,
    Boolean filterZeroVarianceGroups,
    Boolean maskTruncatedCompletions,
    GroupRobustSpec groupRobust,
    AdversarialSpec adversarial,
    DpoSpec dpo,
    PpoSpec ppo,
    RewardModelSpec rewardModel) {

  /**
   * Every option of the GRPO loss, without adversarial training or the DPO, PPO and reward-model
   * sections.
   */
  public TrainingSpec(
      int steps,
      int promptsPerStep,
      double learningRate,
      double weightDecay,
      double beta,
      double epsilonLow,
      double epsilonHigh,
      double maxGradNorm,
      int checkpointEvery,
      int maxStaleness,
      String scaleRewards,
      String lossAggregation,
      Integer iterationsPerBatch,
      String importanceLevel,
      Double truncatedIsCap,
      Boolean filterZeroVarianceGroups,
      Boolean maskTruncatedCompletions,
      GroupRobustSpec groupRobust) {
    this(
        steps,
        promptsPerStep,
        learningRate,
        weightDecay,
        beta,
        epsilonLow,
        epsilonHigh,
        maxGradNorm,
        checkpointEvery,
        maxStaleness,
        scaleRewards,
        lossAggregation,
        iterationsPerBatch,
        importanceLevel,
        truncatedIsCap,
        filterZeroVarianceGroups,
        maskTruncatedCompletions,
        groupRobust,
        null,
        null,
        null,
        null);
  }

  /** The same settings with {@code training.dpo} set to {@code newDpo}. */
  public TrainingSpec withDpo(DpoSpec newDpo) {
    return new TrainingSpec(
        steps,
        promptsPerStep,
        learningRate,
        weightDecay,
        beta,
        epsilonLow,
        epsilonHigh,
        maxGradNorm,
        checkpointEvery,
        maxStaleness,
        scaleRewards,
        lossAggregation,
        iterationsPerBatch,
        importanceLevel,
        truncatedIsCap,
        filterZeroVarianceGroups,
        maskTruncatedCompletions,
        groupRobust,
        adversarial,
        newDpo,
        ppo,
        rewardModel);
  }

  /** The same settings with {@code training.rewardModel} set to {@code newRewardModel}. */
  public TrainingSpec withRewardModel(RewardModelSpec newRewardModel) {
    return new TrainingSpec(
        steps,
        promptsPerStep,
        learningRate,
        weightDecay,
        beta,
        epsilonLow,
        epsilonHigh,
        maxGradNorm,
        checkpointEvery,
        maxStaleness,
        scaleRewards,
        lossAggregation,
        iterationsPerBatch,
        importanceLevel,
        truncatedIsCap,
        filterZeroVarianceGroups,
        maskTruncatedCompletions,
        groupRobust,
        adversarial,
        dpo,
        ppo,
        newRewardModel);
  }

  /** The reward-model section, or every field at its default when the spec has none. */
  public RewardModelSpec rewardModelOrDefault() {
    return rewardModel == null ? RewardModelSpec.defaults() : rewardModel;
  }

  /** The PPO section, or every PPO field at its default when the spec has none. */
  public PpoSpec ppoOrDefault() {
    return ppo == null ? PpoSpec.DEFAULTS : ppo;
  }

  /** The DPO section, or every DPO field at its default when the spec has none. */
  public DpoSpec dpoOrDefault() {
    return dpo == null ? DpoSpec.defaults() : dpo;
  }

  /** The settings of the first version; every later option at its default. */
  public TrainingSpec(
      int steps,
      int promptsPerStep,
      double learningRate,
      double weightDecay,
      double beta,
      double epsilonLow,
      double epsilonHigh,
      double maxGradNorm,
      int checkpointEvery,
      int maxStaleness) {
    this(
        steps,
        promptsPerStep,
        learningRate,
        weightDecay,
        beta,
        epsilonLow,
        epsilonHigh,
        maxGradNorm,
        checkpointEvery,
        maxStaleness,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        (GroupRobustSpec) null);
  }
}
