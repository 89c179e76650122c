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
import dev.tempered.model.training.TokenLogprobs;
import dev.tempered.trainer.algorithm.GrpoLoss;
import dev.tempered.trainer.algorithm.GrpoSettings;
import dev.tempered.trainer.algorithm.MaskedOps;
import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import java.util.Map;

/**
 * One GRPO step on a policy: reference pass (when beta > 0), a proximal pass of the policy itself
 * (when truncated importance weights are on), then {@code iterationsPerBatch} times: teacher-forced
 * policy pass under the sampling temperature, loss (group-robust when configured), backward, global
 * gradient-norm clip, AdamW. A non-finite loss or gradient norm skips that update and ends the
 * step.
 */
final class GrpoStep {

  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final GrpoOptions options;
  private final GroupWeights groupWeights;
  private final EmbeddingAttack attack;

  /**
   * @param groupWeights the job's group-robust weights, or null when that weighting is off
   */
  GrpoStep(
      LlamaModel policy,
      LlamaModel reference,
      AdamW optimizer,
      GrpoOptions options,
      GroupWeights groupWeights) {
    this(policy, reference, optimizer, options, groupWeights, null);
  }

  /**
   * @param attack the job's embedding-space adversarial training, or null when it is off
   */
  GrpoStep(
      LlamaModel policy,
      LlamaModel reference,
      AdamW optimizer,
      GrpoOptions options,
      GroupWeights groupWeights,
      EmbeddingAttack attack) {
    this.policy = policy;
    this.reference = reference;
    this.optimizer = optimizer;
    this.options = options;
    this.groupWeights = groupWeights;
    this.attack = attack;
  }

  /**
   * What one step did; token metrics are global token sums over all its iterations.
   *
   * @param applied whether at least one update was applied
   * @param importanceWeight mean truncated importance weight over valid tokens (NaN when off)
   * @param truncatedFraction fraction of valid tokens whose importance weight hit the cap
   * @param groups per data group: loss, reward, weight (empty unless group-robust)
   * @param worstGroup the group with the highest loss (null unless group-robust)
   * @param tokens valid tokens processed, over every iteration
   * @param adversarialLoss mean training loss at the perturbed embeddings (NaN when off)
   * @param adversarialCleanLoss mean training loss at the clean embeddings of the same updates (NaN
   *     when off); with adversarial training, {@code loss} is the mean of the two
   */
  record Outcome(
      boolean applied,
      double loss,
      double policyLoss,
      double kl,
      double entropy,
      double clipLowFraction,
      double clipHighFraction,
      double gradNorm,
      double importanceWeight,
      double truncatedFraction,
      Map<String, GroupRobustLoss.GroupStats> groups,
      String worstGroup,
      int iterations,
      long tokens,
      double adversarialLoss,
      double adversarialCleanLoss) {

    double clipFraction() {
      return clipLowFraction + clipHighFraction;
    }
  }

  Outcome run(GrpoBatch rows, double learningRate, double weightDecay, double maxGradNorm) {
    NDManager manager = policy.parameters().get("norm").getManager();
    GrpoSettings settings = options.loss();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      TokenBatch batch = TokenBatch.of(manager, rows.prompts(), rows.completions());
      int width = batch.completionWidth();
      NDArray behaviour =
          manager.create(rows.paddedBehaviourLogprobs(width), new Shape(rows.size(), width));
      Inputs in =
          new Inputs(
              batch,
              behaviour,
              manager.create(rows.advantages()),
              MaskedOps.keepRows(batch.completionMask(), manager.create(rows.keep())),
              settings.beta() > 0 ? logprobs(reference, batch, rows) : null,
              settings.truncatedIsCap() != null ? logprobs(policy, batch, rows) : null);
      StepSums sums = new StepSums();
      GroupRobustLoss.Result robust = null;
      for (int i = 0; i < options.iterationsPerBatch(); i++) {
        try (NDScope iteration = new NDScope()) {
          iteration.suppressNotUsedWarning();
          IterationResult r = iterate(in, rows, sums, learningRate, weightDecay, maxGradNorm);
          if (r == null) {
            break;
          }
          robust = r.robust();
        }
      }
      return outcome(sums, robust);
    }
  }

  /** The arrays every iteration of a step reads. */
  private record Inputs(
      TokenBatch batch,
      NDArray behaviour,
      NDArray advantages,
      NDArray mask,
      NDArray reference,
      NDArray proximal) {}

  private record IterationResult(GroupRobustLoss.Result robust) {}

  /** One update; null when it was skipped for a non-finite loss or gradient norm. */
  private IterationResult iterate(
      Inputs in,
      GrpoBatch rows,
      StepSums sums,
      double learningRate,
      double weightDecay,
      double maxGradNorm) {
    GrpoLoss.GrpoResult result;
    TokenLogprobs current;
    GroupRobustLoss.Result robust;
    NDArray loss;
    float adversarialValue = Float.NaN;
    float cleanValue = Float.NaN;
    // With group-robust weighting, the attack and the adversarial term weigh groups by a copy of
    // the weights before this update, so the job's weights take one step per update, from the
    // clean losses, however many passes the attack makes.
    GroupWeights before = groupWeights == null ? null : groupWeights.copy();
    NDArray delta =
        attack == null
            ? null
            : attack.perturbation(in.batch(), d -> perturbedLoss(in, rows, d, before), optimizer);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      current = TeacherForcing.completionLogprobs(policy, in.batch(), rows.temperature(), true);
      Loss clean = lossOf(current, in, rows, groupWeights);
      result = clean.result();
      robust = clean.robust();
      loss = clean.loss();
      if (delta != null) {
        // Goodfellow et al. 2015, eq. 6 with α = 0.5: the mean of the clean loss and the loss at
        // the adversarial point, so the update keeps fitting the clean input while resisting δ.
        NDArray adversarial = perturbedLoss(in, rows, delta, before);
        adversarialValue = adversarial.getFloat();
        cleanValue = loss.getFloat();
        loss = Scalars.mul(loss.add(adversarial), 0.5);
      }
      if (!Float.isFinite(loss.getFloat())) {
        sums.skippedLoss = loss.getFloat();
        return null;
      }
      collector.backward(loss);
    }
    double gradNorm = optimizer.clipGradientNorm(maxGradNorm);
    if (!Double.isFinite(gradNorm)) {
      optimizer.zeroGradients();
      sums.skippedLoss = loss.getFloat();
      sums.skippedGradNorm = gradNorm;
      return null;
    }
    optimizer.step(learningRate, weightDecay);
    add(sums, result, current, in.mask(), loss.getFloat(), gradNorm);
    sums.adversarialLoss += adversarialValue;
    sums.adversarialCleanLoss += cleanValue;
    return new IterationResult(robust);
  }

  /** The training loss of one pass and its parts. */
  private record Loss(GrpoLoss.GrpoResult result, GroupRobustLoss.Result robust, NDArray loss) {}

  /** The GRPO loss (group-robust when configured) of the policy's log-probs {@code current}. */
  private Loss lossOf(TokenLogprobs current, Inputs in, GrpoBatch rows, GroupWeights weights) {
    // With truncated importance weights the ratio is against the trainer's own proximal pass,
    // and the sampler's log-probs only enter the weights.
    NDArray old = in.proximal() != null ? in.proximal() : in.behaviour();
    NDArray behaviour = in.proximal() != null ? in.behaviour() : null;
    GrpoLoss.GrpoResult result =
        GrpoLoss.compute(
            current.logprobs(),
            old,
            behaviour,
            in.reference(),
            in.advantages(),
            in.mask(),
            options.loss());
    if (weights == null) {
      return new Loss(result, null, result.loss());
    }
    GroupRobustLoss.Result robust =
        GroupRobustLoss.compute(result.samples(), rows.dataGroups(), rows.rewards(), weights);
    return new Loss(result, robust, robust.loss());
  }

  /** The training loss at the input embeddings plus {@code delta}, weighing by a fresh copy. */
  private NDArray perturbedLoss(Inputs in, GrpoBatch rows, NDArray delta, GroupWeights before) {
    TokenLogprobs perturbed =
        TeacherForcing.completionLogprobs(policy, in.batch(), rows.temperature(), false, delta);
    return lossOf(perturbed, in, rows, before == null ? null : before.copy()).loss();
  }

  private static void add(
      StepSums sums,
      GrpoLoss.GrpoResult result,
      TokenLogprobs current,
      NDArray mask,
      float loss,
      double gradNorm) {
    float tokens = result.validTokens().getFloat();
    sums.iterations++;
    sums.loss += loss;
    sums.policyLoss += result.policyLoss().getFloat();
    sums.gradNorm += gradNorm;
    sums.tokens += tokens;
    sums.klTokens += result.kl() == null ? 0 : result.kl().getFloat() * tokens;
    sums.entropyTokens += MaskedOps.total(current.entropy(), mask).getFloat();
    sums.clipLowTokens += result.clippedLowTokens().getFloat();
    sums.clipHighTokens += result.clippedHighTokens().getFloat();
    if (result.importance() != null) {
      sums.importanceWeightTokens += result.importance().weightSum().getFloat();
      sums.truncatedTokens += result.importance().truncatedTokens().getFloat();
    }
  }

  private Outcome outcome(StepSums s, GroupRobustLoss.Result robust) {
    boolean applied = s.iterations > 0;
    return new Outcome(
        applied,
        applied ? s.meanLoss() : s.skippedLoss,
        s.meanPolicyLoss(),
        StepSums.perToken(s.klTokens, s.tokens),
        StepSums.perToken(s.entropyTokens, s.tokens),
        StepSums.perToken(s.clipLowTokens, s.tokens),
        StepSums.perToken(s.clipHighTokens, s.tokens),
        applied ? s.meanGradNorm() : s.skippedGradNorm,
        options.loss().truncatedIsCap() == null
            ? Double.NaN
            : StepSums.perToken(s.importanceWeightTokens, s.tokens),
        StepSums.perToken(s.truncatedTokens, s.tokens),
        robust == null ? Map.of() : robust.groups(),
        robust == null ? null : robust.worstGroup(),
        s.iterations,
        (long) s.tokens,
        attack == null || !applied ? Double.NaN : s.adversarialLoss / s.iterations,
        attack == null || !applied ? Double.NaN : s.adversarialCleanLoss / s.iterations);
  }

  private static NDArray logprobs(LlamaModel model, TokenBatch batch, GrpoBatch rows) {
    return TeacherForcing.completionLogprobs(model, batch, rows.temperature(), false).logprobs();
  }
}
