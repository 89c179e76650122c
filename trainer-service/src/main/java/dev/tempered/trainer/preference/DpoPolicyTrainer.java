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
import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import dev.tempered.trainer.training.PolicyRestore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DPO on pairs of token ids: a policy and a frozen reference copy of the same base model, the
 * chosen and the rejected completions of a batch in one forward pass (TRL's concatenated forward),
 * the {@link DpoLoss}, a global gradient-norm clip and AdamW. Log-probs are taken with the logits
 * divided by the given temperature (the sampling temperature of online pairs, 1 offline). With
 * group-robust weights (online pairs, which carry a data group) the loss is Group Robust Preference
 * Optimization's Σ_g α_g·L_g over the per-pair losses (Ramesh et al. 2024). A non-finite loss or
 * gradient norm skips the update.
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
    return step(pairs, temperature, null, null).step();
  }

  /**
   * A step and, with group-robust weighting, its data groups' stats.
   *
   * @param groups per data group of the batch: mean DPO loss, mean implicit reward margin and the
   *     weight after this step's update; empty without group-robust weighting
   * @param worstGroup the group with the highest loss; null without group-robust weighting
   */
  public record GroupedStep(
      PairLearner.PairStep step,
      Map<String, GroupRobustLoss.GroupStats> groups,
      String worstGroup) {}

  /**
   * One update on these pairs; with {@code weights} the loss is Σ_g α_g·L_g after one
   * exponentiated-gradient step of the weights on this batch's group losses, and the step's loss is
   * that weighted loss.
   *
   * @param pairGroups the data group of each pair, or null when {@code weights} is null
   * @param weights the job's group-robust weights (updated here), or null when that is off
   */
  public GroupedStep step(
      List<PairTokens> pairs, float temperature, List<String> pairGroups, GroupWeights weights) {
    NDManager manager = policy.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Forward f = forward(manager, pairs, temperature);
      DpoLoss.DpoMetrics metrics;
      GroupRobustLoss.Result robust;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logp =
            TeacherForcing.completionLogprobs(policy, f.batch(), temperature, false).logprobs();
        DpoLoss.DpoResult result = DpoLoss.compute(f.split(logp), settings.loss());
        robust = weights == null ? null : robust(result, pairGroups, weights);
        NDArray loss = robust == null ? result.loss() : robust.loss();
        metrics = withLoss(result.metrics(), loss.getFloat());
        if (!Double.isFinite(metrics.loss())) {
          return grouped(false, metrics, Double.NaN, f.tokens(), robust);
        }
        collector.backward(loss);
      }
      double norm = optimizer.clipGradientNorm(settings.maxGradNorm());
      if (!Double.isFinite(norm)) {
        optimizer.zeroGradients();
        return grouped(false, metrics, norm, f.tokens(), robust);
      }
      optimizer.step(settings.learningRate(), settings.weightDecay());
      return grouped(true, metrics, norm, f.tokens(), robust);
    }
  }

  /** The group-robust loss of these pairs, with each group's mean implicit reward margin. */
  private static GroupRobustLoss.Result robust(
      DpoLoss.DpoResult result, List<String> pairGroups, GroupWeights weights) {
    float[] margins = result.chosenRewards().sub(result.rejectedRewards()).toFloatArray();
    return GroupRobustLoss.compute(result.samples(), pairGroups, margins, weights);
  }

  private static DpoLoss.DpoMetrics withLoss(DpoLoss.DpoMetrics m, double loss) {
    return new DpoLoss.DpoMetrics(
        loss, m.rewardsChosen(), m.rewardsRejected(), m.margin(), m.accuracy(), m.pairs());
  }

  private static GroupedStep grouped(
      boolean applied,
      DpoLoss.DpoMetrics m,
      double gradNorm,
      long tokens,
      GroupRobustLoss.Result robust) {
    return new GroupedStep(
        result(applied, m, gradNorm, tokens),
        robust == null ? Map.of() : robust.groups(),
        robust == null ? null : robust.worstGroup());
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
