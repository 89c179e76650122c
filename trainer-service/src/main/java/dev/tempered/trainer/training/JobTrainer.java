package dev.tempered.trainer.training;

import ai.djl.Device;
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
 * model for the KL term, the AdamW state, the group-robust weights when they are on, PPO's value
 * function for a {@code ppo} job, and the step and checkpoint-version counters.
 */
final class JobTrainer implements GroupTrainer {

  private final TrainingSpec spec;
  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final GrpoOptions options;
  private final GrpoStep grpo;
  private final PpoCritic critic;
  private final PpoStep ppo;
  private long step;
  private long version;

  /**
   * @param dataGroups the data groups the job declares (its noise operators' groups), where
   *     group-robust weights start uniform; groups seen later join with an equal share
   */
  JobTrainer(TrainingSpec spec, LlamaWeights base, Device device, List<String> dataGroups) {
    this(spec, "grpo", base, device, dataGroups);
  }

  /**
   * @param algorithm the job's algorithm: {@code ppo} trains with {@link PpoStep}, else GRPO
   */
  JobTrainer(
      TrainingSpec spec,
      String algorithm,
      LlamaWeights base,
      Device device,
      List<String> dataGroups) {
    this.spec = spec;
    this.options = GrpoOptions.of(spec);
    PpoOptions ppoOptions = "ppo".equals(algorithm) ? PpoOptions.of(spec) : null;
    this.policy = LlamaModel.create(base, device);
    policy.parameters().values().forEach(p -> p.setRequiresGradient(true));
    boolean needsReference = ppoOptions == null ? spec.beta() > 0 : ppoOptions.needsReference();
    this.reference = needsReference ? LlamaModel.create(base, device) : null;
    this.critic =
        ppoOptions == null ? null : PpoCritic.create(ppoOptions.separateValueModel(), base, device);
    this.optimizer =
        AdamW.withDefaults(
            critic == null ? policy.parameters() : critic.withPolicy(policy.parameters()));
    GroupWeights weights =
        options.groupRobustEta() == null
            ? null
            : new GroupWeights(options.groupRobustEta(), dataGroups);
    this.grpo =
        new GrpoStep(
            policy, reference, optimizer, options, weights, EmbeddingAttack.of(spec, policy));
    this.ppo =
        ppoOptions == null
            ? null
            : new PpoStep(
                policy,
                reference,
                critic,
                optimizer,
                ppoOptions,
                ppoOptions.klController(),
                weights);
  }

  /** This step's rows under the job's reward scaling, zero-variance filter and truncation mask. */
  GrpoBatch batch(List<ScoredGroup> groups) {
    return GrpoBatch.of(
        groups,
        options.scaleRewards(),
        options.filterZeroVarianceGroups(),
        options.maskTruncatedCompletions());
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public boolean finished() {
    return step >= spec.steps();
  }

  @Override
  public StepResult train(List<ScoredGroup> groups, long droppedStale) {
    GrpoBatch rows = batch(groups);
    double staleness = 0;
    for (long v : rows.behaviourVersions()) {
      staleness += version - v;
    }
    staleness = rows.size() == 0 ? 0 : staleness / rows.size();
    return train(rows, staleness, droppedStale);
  }

  /**
   * Runs one optimiser step on these rows; a skipped step (non-finite, or no row left after the
   * zero-variance filter) does not count.
   */
  StepResult train(GrpoBatch rows, double meanStaleness, long droppedStale) {
    if (rows.size() == 0) {
      return new StepResult(false, true, null, null, null);
    }
    long started = System.nanoTime();
    GrpoStep.Outcome o;
    PpoDetails ppoDetails = null;
    if (ppo == null) {
      o = grpo.run(rows, spec.learningRate(), spec.weightDecay(), spec.maxGradNorm());
    } else {
      PpoStep.Result r = ppo.run(rows, spec.learningRate(), spec.weightDecay(), spec.maxGradNorm());
      o = r.outcome();
      ppoDetails = r.details();
    }
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
    return new StepResult(
        o.applied(),
        false,
        metrics,
        details,
        null,
        ppoDetails == null ? null : ppoDetails.at(step));
  }

  /**
   * Continues from a stored checkpoint: its weights, step and version, and its AdamW moments when
   * stored (else they restart from zero). The reference model stays the base model.
   */
  @Override
  public void resume(TrainerResume.ResumePoint point) {
    PolicyRestore.copyInto(policy, point.weights());
    if (point.optimizer() != null) {
      optimizer.restore(point.optimizer());
    }
    step = point.state().step();
    version = point.state().version();
  }

  /** Host copy of the AdamW state, stored with each checkpoint. */
  @Override
  public AdamW.State optimizerState() {
    return optimizer.state();
  }

  /** Host copy of the policy's current weights. */
  LlamaWeights policyWeights() {
    return policy.toWeights();
  }

  @Override
  public boolean checkpointDue() {
    return step > 0 && (step % spec.checkpointEvery() == 0 || finished());
  }

  @Override
  public LlamaWeights nextCheckpoint() {
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

  @Override
  public void close() {
    optimizer.close();
    policy.close();
    if (reference != null) {
      reference.close();
    }
    if (critic != null) {
      critic.close();
    }
  }
}
