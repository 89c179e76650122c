package dev.tempered.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import java.util.List;

/**
 * The training state of one job: the policy being optimised, a frozen reference copy of the base
 * model for the KL term, the AdamW state, the group-robust weights when they are on, and the step
 * and checkpoint-version counters.
 */
final class JobTrainer implements AutoCloseable {

  private final TrainingSpec spec;
  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final GrpoOptions options;
  private final GrpoStep grpo;
  private long step;
  private long version;

  /**
   * @param dataGroups the data groups the job declares (its noise operators' groups), where
   *     group-robust weights start uniform; groups seen later join with an equal share
   */
  JobTrainer(TrainingSpec spec, LlamaWeights base, Device device, List<String> dataGroups) {
    this.spec = spec;
    this.options = GrpoOptions.of(spec);
    this.policy = LlamaModel.create(base, device);
    policy.parameters().values().forEach(p -> p.setRequiresGradient(true));
    this.reference = spec.beta() > 0 ? LlamaModel.create(base, device) : null;
    this.optimizer = AdamW.withDefaults(policy.parameters());
    GroupWeights weights =
        options.groupRobustEta() == null
            ? null
            : new GroupWeights(options.groupRobustEta(), dataGroups);
    this.grpo =
        new GrpoStep(
            policy, reference, optimizer, options, weights, EmbeddingAttack.of(spec, policy));
  }

  /** This step's rows under the job's reward scaling, zero-variance filter and truncation mask. */
  GrpoBatch batch(List<ScoredGroup> groups) {
    return GrpoBatch.of(
        groups,
        options.scaleRewards(),
        options.filterZeroVarianceGroups(),
        options.maskTruncatedCompletions());
  }

  long step() {
    return step;
  }

  /** The newest checkpoint version published (0 = the base model). */
  long version() {
    return version;
  }

  boolean finished() {
    return step >= spec.steps();
  }

  /**
   * Runs one optimiser step on these rows; a skipped step (non-finite, or no row left after the
   * zero-variance filter) does not count.
   */
  StepResult train(GrpoBatch rows, double meanStaleness, long droppedStale) {
    if (rows.size() == 0) {
      return new StepResult(false, true, null, null);
    }
    long started = System.nanoTime();
    GrpoStep.Outcome o =
        grpo.run(rows, spec.learningRate(), spec.weightDecay(), spec.maxGradNorm());
    double seconds = (System.nanoTime() - started) / 1e9;
    if (o.applied()) {
      step++;
    }
    double[] rewardStats = meanAndStd(rows.rewards());
    double fracZeroStd = (double) rows.zeroStdGroups() / Math.max(1, rows.groupCount());
    TrainingMetrics metrics =
        new TrainingMetrics(
            o.loss(),
            o.policyLoss(),
            o.kl(),
            o.entropy(),
            o.clipFraction(),
            o.gradNorm(),
            rewardStats[0],
            rewardStats[1],
            fracZeroStd,
            meanStaleness,
            droppedStale,
            o.tokens() / seconds);
    StepDetails details =
        new StepDetails(
            null,
            step,
            o.clipLowFraction(),
            o.clipHighFraction(),
            o.importanceWeight(),
            o.truncatedFraction(),
            rows.droppedZeroVariance(),
            o.iterations(),
            o.groups(),
            o.worstGroup(),
            o.adversarialLoss(),
            o.adversarialCleanLoss());
    return new StepResult(o.applied(), false, metrics, details);
  }

  /**
   * Continues from a stored checkpoint: its weights, step and version, and its AdamW moments when
   * stored (else they restart from zero). The reference model stays the base model.
   */
  void resume(TrainerResume.ResumePoint point) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      policy
          .parameters()
          .forEach(
              (name, p) -> {
                float[] values = point.weights().tensors().get(name);
                if (values == null || values.length != p.size()) {
                  throw new IllegalArgumentException(
                      "checkpoint has no " + p.size() + " values for " + name);
                }
                // In place through a detached view (as AdamW updates): NDArray.set would swap the
                // view's storage and leave the parameter as it was; autograd must not record it.
                NDArray data = p.stopGradient();
                data.muli(0).addi(p.getManager().create(values, p.getShape()));
              });
    }
    if (point.optimizer() != null) {
      optimizer.restore(point.optimizer());
    }
    step = point.state().step();
    version = point.state().version();
  }

  /** Host copy of the AdamW state, stored with each checkpoint. */
  AdamW.State optimizerState() {
    return optimizer.state();
  }

  /** Host copy of the policy's current weights. */
  LlamaWeights policyWeights() {
    return policy.toWeights();
  }

  /** True after a step that ends a checkpoint interval or the job. */
  boolean checkpointDue() {
    return step > 0 && (step % spec.checkpointEvery() == 0 || finished());
  }

  /** Host copy of the current weights under the next version number. */
  LlamaWeights nextCheckpoint() {
    version++;
    return policy.toWeights();
  }

  private static double[] meanAndStd(float[] values) {
    if (values.length == 0) {
      return new double[] {0, 0};
    }
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    double mean = sum / values.length;
    double squares = 0;
    for (float v : values) {
      squares += (v - mean) * (v - mean);
    }
    double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
    return new double[] {mean, std};
  }

  /**
   * Whether the update was applied, and its metrics.
   *
   * @param noRows nothing was left to train on (every group filtered out); metrics are null
   */
  record StepResult(
      boolean applied, boolean noRows, TrainingMetrics metrics, StepDetails details) {}

  @Override
  public void close() {
    optimizer.close();
    policy.close();
    if (reference != null) {
      reference.close();
    }
  }
}
