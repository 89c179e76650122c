package dev.tempered.trainer.preference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.trainer.algorithm.dpo.DpoLoss;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import dev.tempered.trainer.algorithm.dpo.PreferenceLogprobs;
import dev.tempered.trainer.training.PolicyRestore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DPO on pairs of token ids: a policy and a frozen reference copy of the same base model, the
 * chosen and the rejected completions of a batch in one forward pass (TRL's concatenated forward),
 * the {@link DpoLoss}, a global gradient-norm clip and AdamW. Log-probs are taken with the logits
 * divided by the given temperature (the sampling temperature of online pairs, 1 offline). A
 * non-finite loss or gradient norm skips the update.
 */
public final class DpoPolicyTrainer implements AutoCloseable {

  /** Optimiser settings of the job and the DPO loss. */
  public record Settings(
      DpoSettings loss, double learningRate, double weightDecay, double maxGradNorm) {}

  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final Settings settings;

  public DpoPolicyTrainer(LlamaWeights base, Device device, Settings settings) {
    this.policy = LlamaModel.create(base, device);
    policy.parameters().values().forEach(p -> p.setRequiresGradient(true));
    this.reference = LlamaModel.create(base, device);
    this.optimizer = AdamW.withDefaults(policy.parameters());
    this.settings = settings;
  }

  /**
   * One update on these pairs; the metrics are those of the batch before the update, with TRL's
   * {@code rewards/chosen} and {@code rewards/rejected} (means over the pairs) in {@code extra}.
   */
  public PairLearner.PairStep step(List<PairTokens> pairs, float temperature) {
    NDManager manager = policy.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Forward f = forward(manager, pairs, temperature);
      DpoLoss.DpoMetrics metrics;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logp =
            TeacherForcing.completionLogprobs(policy, f.batch(), temperature, false).logprobs();
        DpoLoss.DpoResult result = DpoLoss.compute(f.split(logp), settings.loss());
        metrics = result.metrics();
        if (!Double.isFinite(metrics.loss())) {
          return result(false, metrics, Double.NaN, f.tokens());
        }
        collector.backward(result.loss());
      }
      double norm = optimizer.clipGradientNorm(settings.maxGradNorm());
      if (!Double.isFinite(norm)) {
        optimizer.zeroGradients();
        return result(false, metrics, norm, f.tokens());
      }
      optimizer.step(settings.learningRate(), settings.weightDecay());
      return result(true, metrics, norm, f.tokens());
    }
  }

  /** The DPO loss and reward metrics of the current policy on these pairs, without an update. */
  public DpoLoss.DpoMetrics measure(List<PairTokens> pairs, float temperature) {
    NDManager manager = policy.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Forward f = forward(manager, pairs, temperature);
      NDArray logp =
          TeacherForcing.completionLogprobs(policy, f.batch(), temperature, false).logprobs();
      return DpoLoss.compute(f.split(logp), settings.loss()).metrics();
    }
  }

  /** A host copy of the policy's current weights. */
  /** Puts a stored checkpoint's weights and (when stored) AdamW moments back, for a resume. */
  public void restore(LlamaWeights weights, AdamW.State moments) {
    PolicyRestore.copyInto(policy, weights);
    if (moments != null) {
      optimizer.restore(moments);
    }
  }

  /** Host copy of the AdamW state, stored with each checkpoint. */
  public AdamW.State optimizerState() {
    return optimizer.state();
  }

  public LlamaWeights weights() {
    return policy.toWeights();
  }

  private static PairLearner.PairStep result(
      boolean applied, DpoLoss.DpoMetrics m, double gradNorm, long tokens) {
    return new PairLearner.PairStep(
        applied,
        m.loss(),
        m.accuracy(),
        m.margin(),
        gradNorm,
        tokens,
        Map.of("rewards/chosen", m.rewardsChosen(), "rewards/rejected", m.rewardsRejected()));
  }

  /** Rows [chosen_0 … chosen_B−1, rejected_0 … rejected_B−1] and the reference's log-probs. */
  private record Forward(TokenBatch batch, NDArray reference, int pairs, long tokens) {

    PreferenceLogprobs split(NDArray logp) {
      NDIndex chosen = new NDIndex("0:{}", pairs);
      NDIndex rejected = new NDIndex("{}:", pairs);
      NDArray mask = batch.completionMask();
      return PreferenceLogprobs.fromTokens(
          logp.get(chosen),
          logp.get(rejected),
          reference.get(chosen),
          reference.get(rejected),
          mask.get(chosen),
          mask.get(rejected));
    }
  }

  private Forward forward(NDManager manager, List<PairTokens> pairs, float temperature) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a DPO batch needs at least one pair");
    }
    List<int[]> prompts = new ArrayList<>();
    List<int[]> completions = new ArrayList<>();
    long tokens = 0;
    for (PairTokens t : pairs) {
      prompts.add(t.prompt());
      completions.add(t.chosen());
      tokens += t.chosen().length + t.rejected().length;
    }
    prompts.addAll(new ArrayList<>(prompts));
    for (PairTokens t : pairs) {
      completions.add(t.rejected());
    }
    TokenBatch batch = TokenBatch.of(manager, prompts, completions);
    NDArray ref =
        TeacherForcing.completionLogprobs(reference, batch, temperature, false).logprobs();
    return new Forward(batch, ref, pairs.size(), tokens);
  }

  @Override
  public void close() {
    optimizer.close();
    policy.close();
    reference.close();
  }
}
