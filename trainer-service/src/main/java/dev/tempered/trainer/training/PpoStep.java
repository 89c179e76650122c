package dev.tempered.trainer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.Scalars;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.trainer.algorithm.MaskedOps;
import dev.tempered.trainer.algorithm.ppo.KlController;
import dev.tempered.trainer.algorithm.ppo.MinibatchPlan;
import dev.tempered.trainer.algorithm.ppo.PpoLoss;
import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One PPO step on a batch of scored candidates, each with one scalar reward: passes without
 * gradient of the policy (old log-probs, as TRL recomputes them rather than trusting the
 * sampler's), the value function (old values) and the reference (when the KL coefficient is above
 * 0), then {@link PpoTargets} (token rewards, GAE, whitening), then epochs × minibatches of clipped
 * policy and value loss, backward, gradient-norm clip and AdamW, all under the sampling
 * temperature. With group-robust weighting each update's policy loss is Σ_g α_g·L_g over the
 * minibatch's data groups, the weights taking one exponentiated-gradient step per update (as GRPO's
 * per iteration); the value loss is not reweighted. A non-finite loss or gradient norm skips that
 * update and ends the step; the KL controller is fed the batch's KL once the step applied an
 * update.
 */
final class PpoStep {

  private final LlamaModel policy;
  private final LlamaModel reference;
  private final PpoCritic critic;
  private final AdamW optimizer;
  private final PpoOptions options;
  private final KlController kl;
  private final GroupWeights groupWeights;
  private long batches;

  /**
   * @param reference the frozen base model, or null when the KL coefficient is 0
   * @param optimizer the policy's AdamW (with the value head's parameters when the head sits on it)
   */
  PpoStep(
      LlamaModel policy,
      LlamaModel reference,
      PpoCritic critic,
      AdamW optimizer,
      PpoOptions options,
      KlController kl) {
    this(policy, reference, critic, optimizer, options, kl, null);
  }

  /**
   * @param groupWeights the job's group-robust weights, or null when that weighting is off
   */
  PpoStep(
      LlamaModel policy,
      LlamaModel reference,
      PpoCritic critic,
      AdamW optimizer,
      PpoOptions options,
      KlController kl,
      GroupWeights groupWeights) {
    this.groupWeights = groupWeights;
    this.policy = policy;
    this.reference = reference;
    this.critic = critic;
    this.optimizer = optimizer;
    this.options = options;
    this.kl = kl;
  }

  /** The metrics GRPO and PPO share, and PPO's own. */
  record Result(GrpoStep.Outcome outcome, PpoDetails details) {}

  /** The optimiser settings of every update of a step. */
  private record Rates(double learningRate, double weightDecay, double maxGradNorm) {}

  Result run(GrpoBatch rows, double learningRate, double weightDecay, double maxGradNorm) {
    Rates rates = new Rates(learningRate, weightDecay, maxGradNorm);
    NDManager manager = policy.parameters().get("norm").getManager();
    double klCoefficient = kl.value();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      PpoTargets targets = targets(manager, rows, klCoefficient);
      PpoSums sums = new PpoSums();
      int minibatches = Math.min(options.minibatches(), rows.size());
      for (int[] part : MinibatchPlan.of(rows.size(), minibatches, options.epochs(), batches++)) {
        try (NDScope update = new NDScope()) {
          update.suppressNotUsedWarning();
          if (!update(manager, rows, targets, part, sums, rates)) {
            break;
          }
        }
      }
      if (sums.updates > 0) {
        kl.update(targets.klPerSequence(), rows.size());
      }
      return result(sums, targets, klCoefficient);
    }
  }

  /** The passes before any update, and what they give the updates to train towards. */
  private PpoTargets targets(NDManager manager, GrpoBatch rows, double klCoefficient) {
    TokenBatch batch = TokenBatch.of(manager, rows.prompts(), rows.completions());
    float[] mask =
        MaskedOps.keepRows(batch.completionMask(), manager.create(rows.keep())).toFloatArray();
    TeacherForcing.WithHidden pass =
        TeacherForcing.completionLogprobsWithHidden(policy, batch, rows.temperature(), false);
    float[] values = critic.values(batch, pass.hidden()).toFloatArray();
    float[] ref =
        reference == null
            ? null
            : TeacherForcing.completionLogprobs(reference, batch, rows.temperature(), false)
                .logprobs()
                .toFloatArray();
    return PpoTargets.of(
        rows.rewards(),
        pass.tokens().logprobs().toFloatArray(),
        ref,
        values,
        mask,
        batch.completionWidth(),
        klCoefficient,
        options);
  }

  /** One update on a minibatch; false when it was skipped for a non-finite loss or norm. */
  private boolean update(
      NDManager manager,
      GrpoBatch rows,
      PpoTargets targets,
      int[] part,
      PpoSums sums,
      Rates rates) {
    TokenBatch batch = minibatch(manager, rows, part);
    PpoTargets t = targets.select(part, batch.completionWidth());
    Shape shape = new Shape(part.length, t.width());
    NDArray mask = manager.create(t.mask(), shape);
    PpoLoss.PpoResult result;
    float loss;
    float entropySum;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      TeacherForcing.WithHidden pass =
          TeacherForcing.completionLogprobsWithHidden(policy, batch, rows.temperature(), true);
      result =
          PpoLoss.compute(
              pass.tokens().logprobs(),
              manager.create(t.oldLogprobs(), shape),
              manager.create(t.advantages(), shape),
              critic.values(batch, pass.hidden()),
              manager.create(t.oldValues(), shape),
              manager.create(t.returns(), shape),
              mask,
              options.loss());
      NDArray total = trainingLoss(result, rows, part, sums);
      loss = total.getFloat();
      if (!Float.isFinite(loss)) {
        sums.skippedLoss = loss;
        return false;
      }
      entropySum = MaskedOps.total(pass.tokens().entropy(), mask).getFloat();
      collector.backward(total);
    }
    return apply(result, loss, entropySum, sums, rates);
  }

  /**
   * PpoLoss's loss, or with group-robust weighting Σ_g α_g·L_g over the policy losses of the
   * minibatch's rows plus valueCoefficient times the value loss; the group stats go to {@code
   * sums}.
   */
  private NDArray trainingLoss(PpoLoss.PpoResult result, GrpoBatch rows, int[] part, PpoSums sums) {
    if (groupWeights == null) {
      return result.loss();
    }
    List<String> groups = new ArrayList<>();
    float[] rewards = new float[part.length];
    for (int k = 0; k < part.length; k++) {
      groups.add(rows.dataGroups().get(part[k]));
      rewards[k] = rows.rewards()[part[k]];
    }
    GroupRobustLoss.Result robust =
        GroupRobustLoss.compute(result.samples(), groups, rewards, groupWeights);
    sums.groups.putAll(robust.groups());
    return robust.loss().add(Scalars.mul(result.valueLoss(), options.loss().valueCoefficient()));
  }

  /** Clips and applies the gradients of one update, or drops them when a norm is non-finite. */
  private boolean apply(
      PpoLoss.PpoResult result, float loss, float entropySum, PpoSums sums, Rates rates) {
    double norm = optimizer.clipGradientNorm(rates.maxGradNorm());
    double valueNorm =
        critic.separate() ? critic.clipGradientNorm(rates.maxGradNorm()) : Double.NaN;
    if (!Double.isFinite(norm) || (critic.separate() && !Double.isFinite(valueNorm))) {
      optimizer.zeroGradients();
      if (critic.separate()) {
        critic.zeroGradients();
      }
      sums.skippedLoss = loss;
      sums.skippedGradNorm = Double.isFinite(norm) ? valueNorm : norm;
      return false;
    }
    optimizer.step(rates.learningRate(), rates.weightDecay());
    if (critic.separate()) {
      critic.step(rates.learningRate(), rates.weightDecay());
    }
    sums.add(result, loss, entropySum, norm, valueNorm);
    return true;
  }

  /** The rows {@code part} laid out as their own batch (its widths are its longest rows). */
  private static TokenBatch minibatch(NDManager manager, GrpoBatch rows, int[] part) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> completions = new ArrayList<>();
    for (int r : part) {
      prompts.add(rows.prompts().get(r));
      completions.add(rows.completions().get(r));
    }
    return TokenBatch.of(manager, prompts, completions);
  }

  private Result result(PpoSums s, PpoTargets t, double klCoefficient) {
    boolean applied = s.updates > 0;
    GrpoStep.Outcome outcome =
        new GrpoStep.Outcome(
            applied,
            applied ? s.perToken(s.lossTokens) : s.skippedLoss,
            applied ? s.perToken(s.policyLossTokens) : Double.NaN,
            t.klPerToken(),
            s.perToken(s.entropyTokens),
            s.perToken(s.clipLowTokens),
            s.perToken(s.clipHighTokens),
            s.meanGradNorm(),
            Double.NaN,
            0,
            new LinkedHashMap<>(s.groups),
            s.worstGroup(),
            s.updates,
            (long) s.tokens,
            Double.NaN,
            Double.NaN);
    PpoDetails details =
        new PpoDetails(
            null,
            0,
            applied ? s.perToken(s.valueLossTokens) : Double.NaN,
            s.perToken(s.valueClippedTokens),
            klCoefficient,
            kl.value(),
            t.klPerSequence(),
            t.advantageMean(),
            t.advantageStd(),
            t.returnMean(),
            s.meanValueGradNorm(),
            s.updates);
    return new Result(outcome, details);
  }
}
