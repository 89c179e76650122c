package dev.tempered.trainer.training;

import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import java.util.List;

/**
 * The training state of one online job, which learns from scored groups: GRPO ({@link JobTrainer})
 * or DPO on the groups' preference pairs ({@link OnlineDpoTrainer}); the step and
 * checkpoint-version counters and the policy the checkpoints come from.
 */
interface GroupTrainer extends AutoCloseable {

  long step();

  /** The newest checkpoint version published (0 = the base model). */
  long version();

  boolean finished();

  /** True after a step that ends a checkpoint interval or the job. */
  boolean checkpointDue();

  /** Host copy of the current weights under the next version number. */
  LlamaWeights nextCheckpoint();

  /**
   * Continues from a stored checkpoint: its weights, step and version, and its AdamW moments when
   * stored (else they restart from zero). The reference model stays the base model.
   */
  void resume(TrainerResume.ResumePoint point);

  /** Host copy of the optimiser state, stored with each checkpoint. */
  AdamW.State optimizerState();

  /**
   * Runs one optimiser step on these groups; a skipped step (non-finite, or nothing left to train
   * on) does not count.
   *
   * @param droppedStale groups dropped as stale so far, reported in the metrics
   */
  StepResult train(List<ScoredGroup> groups, long droppedStale);

  @Override
  void close();

  /**
   * Whether the update was applied, and its metrics.
   *
   * @param noRows nothing was left to train on (every group filtered out, or no group had a
   *     preference pair); metrics are null
   * @param details GRPO's step details, or null
   * @param preference DPO's preference metrics, or null
   * @param ppo PPO's own metrics (value function, KL controller), or null
   */
  record StepResult(
      boolean applied,
      boolean noRows,
      TrainingMetrics metrics,
      StepDetails details,
      PreferenceDetails preference,
      PpoDetails ppo) {

    /** A step of an algorithm other than PPO. */
    StepResult(
        boolean applied,
        boolean noRows,
        TrainingMetrics metrics,
        StepDetails details,
        PreferenceDetails preference) {
      this(applied, noRows, metrics, details, preference, null);
    }
  }
}
