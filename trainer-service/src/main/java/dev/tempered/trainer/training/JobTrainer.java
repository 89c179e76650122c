package dev.tempered.trainer.training;

import ai.djl.Device;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.trainer.algorithm.GrpoSettings;
import dev.tempered.trainer.algorithm.KlEstimator;
import dev.tempered.trainer.algorithm.LossAggregation;

/**
 * The training state of one job: the policy being optimised, a frozen reference copy of the base
 * model for the KL term, the AdamW state, and the step and checkpoint-version counters.
 */
final class JobTrainer implements AutoCloseable {

  private final TrainingSpec spec;
  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final GrpoStep grpo;
  private long step;
  private long version;

  JobTrainer(TrainingSpec spec, LlamaWeights base, Device device) {
    this.spec = spec;
    this.policy = LlamaModel.create(base, device);
    policy.parameters().values().forEach(p -> p.setRequiresGradient(true));
    this.reference = spec.beta() > 0 ? LlamaModel.create(base, device) : null;
    this.optimizer = AdamW.withDefaults(policy.parameters());
    GrpoSettings settings =
        new GrpoSettings(
            spec.epsilonLow(),
            spec.epsilonHigh(),
            spec.beta(),
            KlEstimator.K3,
            LossAggregation.TOKEN_MEAN);
    this.grpo = new GrpoStep(policy, reference, optimizer, settings);
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

  /** Runs one optimiser step on these groups; a skipped (non-finite) step does not count. */
  StepResult train(GrpoBatch rows, double meanStaleness, long droppedStale) {
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
            o.validTokens() / seconds);
    return new StepResult(o.applied(), metrics);
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

  /** Whether the update was applied, and its metrics. */
  record StepResult(boolean applied, TrainingMetrics metrics) {}

  @Override
  public void close() {
    optimizer.close();
    policy.close();
    if (reference != null) {
      reference.close();
    }
  }
}
