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
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.trainer.algorithm.dpo.DpoLoss;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import dev.tempered.trainer.algorithm.dpo.PreferenceLogprobs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DPO on offline preference pairs: a policy and a frozen reference copy of the same base model, the
 * chosen and the rejected completions of a batch in one forward pass (TRL's concatenated forward),
 * the {@link DpoLoss}, a global gradient-norm clip and AdamW. Log-probs are taken at temperature 1:
 * offline data has no sampling temperature. A non-finite loss or gradient norm skips the update.
 */
public final class OfflineDpoTrainer implements AutoCloseable {

  /**
   * @param maxPromptTokens prompt tokens kept (BOS and the prompt's end)
   * @param maxCompletionTokens tokens kept of each completion (its start)
   */
  public record Settings(
      DpoSettings loss,
      int maxPromptTokens,
      int maxCompletionTokens,
      double learningRate,
      double weightDecay,
      double maxGradNorm) {}

  private final LlamaModel policy;
  private final LlamaModel reference;
  private final AdamW optimizer;
  private final Llama2cTokenizer tokenizer;
  private final Settings settings;
  // Offline pairs come back every epoch; the llama2.c tokenizer is slow on long dialogues.
  private final Map<PreferencePair, PairTokens> tokens = new HashMap<>();

  public OfflineDpoTrainer(
      LlamaWeights base, Llama2cTokenizer tokenizer, Device device, Settings settings) {
    this.policy = LlamaModel.create(base, device);
    policy.parameters().values().forEach(p -> p.setRequiresGradient(true));
    this.reference = LlamaModel.create(base, device);
    this.optimizer = AdamW.withDefaults(policy.parameters());
    this.tokenizer = tokenizer;
    this.settings = settings;
  }

  /** One update on these pairs; the metrics are those of the batch before the update. */
  public DpoLoss.DpoMetrics step(List<PreferencePair> pairs) {
    NDManager manager = policy.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Forward f = forward(manager, pairs);
      DpoLoss.DpoMetrics metrics;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logp = TeacherForcing.completionLogprobs(policy, f.batch(), 1f, false).logprobs();
        DpoLoss.DpoResult result = DpoLoss.compute(f.split(logp), settings.loss());
        metrics = result.metrics();
        if (!Double.isFinite(metrics.loss())) {
          return metrics;
        }
        collector.backward(result.loss());
      }
      double norm = optimizer.clipGradientNorm(settings.maxGradNorm());
      if (Double.isFinite(norm)) {
        optimizer.step(settings.learningRate(), settings.weightDecay());
      } else {
        optimizer.zeroGradients();
      }
      return metrics;
    }
  }

  /** The DPO loss and reward metrics of the current policy on these pairs, without an update. */
  public DpoLoss.DpoMetrics evaluate(List<PreferencePair> pairs) {
    NDManager manager = policy.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Forward f = forward(manager, pairs);
      NDArray logp = TeacherForcing.completionLogprobs(policy, f.batch(), 1f, false).logprobs();
      return DpoLoss.compute(f.split(logp), settings.loss()).metrics();
    }
  }

  /** A host copy of the policy's current weights. */
  public LlamaWeights weights() {
    return policy.toWeights();
  }

  /** Rows [chosen_0 … chosen_B−1, rejected_0 … rejected_B−1] and the reference's log-probs. */
  private record Forward(TokenBatch batch, NDArray reference, int pairs) {

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

  private Forward forward(NDManager manager, List<PreferencePair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a DPO batch needs at least one pair");
    }
    List<int[]> prompts = new ArrayList<>();
    List<int[]> chosen = new ArrayList<>();
    List<int[]> rejected = new ArrayList<>();
    for (PreferencePair p : pairs) {
      PairTokens t =
          tokens.computeIfAbsent(
              p,
              pair ->
                  PairTokens.of(
                      pair, tokenizer, settings.maxPromptTokens(), settings.maxCompletionTokens()));
      prompts.add(t.prompt());
      chosen.add(t.chosen());
      rejected.add(t.rejected());
    }
    List<int[]> allPrompts = new ArrayList<>(prompts);
    allPrompts.addAll(prompts);
    List<int[]> completions = new ArrayList<>(chosen);
    completions.addAll(rejected);
    TokenBatch batch = TokenBatch.of(manager, allPrompts, completions);
    NDArray ref = TeacherForcing.completionLogprobs(reference, batch, 1f, false).logprobs();
    return new Forward(batch, ref, pairs.size());
  }

  @Override
  public void close() {
    optimizer.close();
    policy.close();
    reference.close();
  }
}
