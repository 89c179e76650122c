package dev.tempered.trainer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.model.training.TokenLogprobs;
import dev.tempered.trainer.algorithm.GrpoLoss;
import dev.tempered.trainer.algorithm.GrpoSettings;
import dev.tempered.trainer.algorithm.MaskedOps;

/**
 * One GRPO optimiser step on a policy: reference pass (when beta > 0), teacher-forced policy pass
 * under the sampling temperature, loss against the sampler's behaviour log-probs, backward, global
 * gradient-norm clip, AdamW. A non-finite loss or gradient norm skips the update.
 */
final class GrpoStep {

  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final GrpoSettings settings;

  GrpoStep(LlamaModel policy, LlamaModel reference, AdamW optimizer, GrpoSettings settings) {
    this.policy = policy;
    this.reference = reference;
    this.optimizer = optimizer;
    this.settings = settings;
  }

  /** Sums and values of one step, before they are turned into published metrics. */
  record Outcome(
      boolean applied,
      double loss,
      double policyLoss,
      double kl,
      double entropy,
      double clipFraction,
      double gradNorm,
      long validTokens) {}

  Outcome run(GrpoBatch rows, double learningRate, double weightDecay, double maxGradNorm) {
    NDManager manager = policy.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      TokenBatch batch = TokenBatch.of(manager, rows.prompts(), rows.completions());
      int width = batch.completionWidth();
      NDArray behaviour =
          manager.create(rows.paddedBehaviourLogprobs(width), new Shape(rows.size(), width));
      NDArray advantages = manager.create(rows.advantages());
      NDArray mask = batch.completionMask();
      NDArray ref =
          settings.beta() > 0
              ? TeacherForcing.completionLogprobs(reference, batch, rows.temperature(), false)
                  .logprobs()
              : null;
      GrpoLoss.GrpoResult result;
      TokenLogprobs current;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        current = TeacherForcing.completionLogprobs(policy, batch, rows.temperature(), true);
        result = GrpoLoss.compute(current.logprobs(), behaviour, ref, advantages, mask, settings);
        if (!Float.isFinite(result.loss().getFloat())) {
          return new Outcome(
              false,
              result.loss().getFloat(),
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              0);
        }
        collector.backward(result.loss());
      }
      double gradNorm = optimizer.clipGradientNorm(maxGradNorm);
      if (!Double.isFinite(gradNorm)) {
        optimizer.zeroGradients();
        return new Outcome(
            false,
            result.loss().getFloat(),
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            gradNorm,
            0);
      }
      optimizer.step(learningRate, weightDecay);
      float tokens = result.validTokens().getFloat();
      double clipped = result.clippedLowTokens().getFloat() + result.clippedHighTokens().getFloat();
      return new Outcome(
          true,
          result.loss().getFloat(),
          result.policyLoss().getFloat(),
          result.kl() == null ? 0 : result.kl().getFloat(),
          MaskedOps.mean(current.entropy(), mask).getFloat(),
          tokens == 0 ? 0 : clipped / tokens,
          gradNorm,
          (long) tokens);
    }
  }
}
