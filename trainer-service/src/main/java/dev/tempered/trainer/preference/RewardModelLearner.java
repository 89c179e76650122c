package dev.tempered.trainer.preference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.reward.RewardBatch;
import dev.tempered.model.reward.RewardModel;
import dev.tempered.model.reward.RewardModelWeights;
import dev.tempered.model.reward.RewardSequences;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.AdamW;
import dev.tempered.trainer.algorithm.reward.BradleyTerryLoss;
import dev.tempered.trainer.training.CheckpointStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Bradley–Terry reward model learnt from preference pairs (TRL's RewardTrainer): the base model's
 * trunk with a fresh scalar head drawn from the seed, the chosen and the rejected sequences of a
 * batch in one forward pass, {@link BradleyTerryLoss}, a global gradient-norm clip and AdamW on
 * trunk and head. A non-finite loss or gradient norm skips the update. Saved as a Hugging Face
 * {@code LlamaForSequenceClassification} directory that the reward service loads.
 */
public final class RewardModelLearner implements PairLearner {

  /** Pairs per forward pass when evaluating, which bounds memory on large held-out sets. */
  private static final int EVALUATION_BATCH = 16;

  /**
   * @param maxPromptTokens prompt tokens kept (BOS and the prompt's end)
   * @param maxCompletionTokens tokens kept of each completion (its start, then EOS if it fits)
   * @param centerRewardsCoefficient TRL's {@code center_rewards_coefficient}; 0 for none
   * @param seed draws the head's initial weights
   */
  public record Settings(
      int maxPromptTokens,
      int maxCompletionTokens,
      double learningRate,
      double weightDecay,
      double maxGradNorm,
      double centerRewardsCoefficient,
      long seed) {

    public RewardSequences layout() {
      return new RewardSequences(maxPromptTokens, maxCompletionTokens);
    }
  }

  private final RewardModel model;
  private final AdamW optimizer;
  private final Llama2cTokenizer tokenizer;
  private final Path tokenizerFile;
  private final RewardSequences layout;
  private final Settings settings;
  // Offline pairs come back every epoch; the llama2.c tokenizer is slow on long dialogues.
  private final Map<PreferencePair, Encoded> tokens = new HashMap<>();

  /** A pair's two sequences and the length of the prompt they share. */
  private record Encoded(int[] chosen, int[] rejected, int promptLength) {

    long completionTokens() {
      return chosen.length + rejected.length - 2L * promptLength;
    }
  }

  /**
   * @param tokenizerFile the llama2.c tokenizer file of {@code base}, copied into every save
   */
  public RewardModelLearner(
      LlamaWeights base,
      Llama2cTokenizer tokenizer,
      Path tokenizerFile,
      Device device,
      Settings settings) {
    this.layout = settings.layout();
    if (layout.maxLength() > base.config().seqLen()) {
      throw new IllegalArgumentException(
          "maxPromptTokens + maxCompletionTokens = "
              + layout.maxLength()
              + " exceeds the model's context of "
              + base.config().seqLen());
    }
    this.model = RewardModel.create(RewardModelWeights.initial(base, settings.seed()), device);
    model.parameters().values().forEach(p -> p.setRequiresGradient(true));
    this.optimizer = AdamW.withDefaults(model.parameters());
    this.tokenizer = tokenizer;
    this.tokenizerFile = tokenizerFile;
    this.settings = settings;
  }

  @Override
  public PairStep train(List<PreferencePair> batch) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Rows rows = rows(batch);
      BradleyTerryLoss.Result result;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        result = loss(rows);
        double loss = result.loss().getFloat();
        if (!Double.isFinite(loss)) {
          return step(false, loss, result.sums(), Double.NaN, rows.tokens());
        }
        collector.backward(result.loss());
      }
      double loss = result.loss().getFloat();
      double norm = optimizer.clipGradientNorm(settings.maxGradNorm());
      boolean applied = Double.isFinite(norm);
      if (applied) {
        optimizer.step(settings.learningRate(), settings.weightDecay());
      } else {
        optimizer.zeroGradients();
      }
      return step(applied, loss, result.sums(), norm, rows.tokens());
    }
  }

  @Override
  public PairEvaluation evaluate(List<PreferencePair> heldOut) {
    BradleyTerryLoss.Sums sums = BradleyTerryLoss.Sums.EMPTY;
    for (int from = 0; from < heldOut.size(); from += EVALUATION_BATCH) {
      List<PreferencePair> part =
          heldOut.subList(from, Math.min(heldOut.size(), from + EVALUATION_BATCH));
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        sums = sums.plus(loss(rows(part)).sums());
      }
    }
    return new PairEvaluation((int) sums.pairs(), sums.accuracy(), sums.meanMargin());
  }

  /** The current model's reward of each (prompt, completion) row, without gradients. */
  public float[] rewards(List<String> prompts, List<String> completions) {
    List<int[]> sequences = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      sequences.add(layout.encode(tokenizer, prompts.get(i), completions.get(i)));
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return model.rewards(RewardBatch.of(manager(), sequences)).stopGradient().toFloatArray();
    }
  }

  @Override
  public CheckpointStore.StoredCheckpoint save(CheckpointStore store, String jobId, long version)
      throws IOException {
    return store.writeRewardModel(jobId, version, model.toWeights(), layout, tokenizerFile);
  }

  /** Rows [chosen_0 … chosen_B−1, rejected_0 … rejected_B−1] and their completion tokens. */
  private record Rows(RewardBatch batch, int pairs, long tokens) {}

  private Rows rows(List<PreferencePair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a reward-model batch needs at least one pair");
    }
    List<int[]> chosen = new ArrayList<>();
    List<int[]> rejected = new ArrayList<>();
    long count = 0;
    for (PreferencePair p : pairs) {
      Encoded t =
          tokens.computeIfAbsent(
              p,
              pair ->
                  new Encoded(
                      layout.encode(tokenizer, pair.prompt(), pair.chosen()),
                      layout.encode(tokenizer, pair.prompt(), pair.rejected()),
                      layout.encodePrompt(tokenizer, pair.prompt()).length));
      chosen.add(t.chosen());
      rejected.add(t.rejected());
      count += t.completionTokens();
    }
    List<int[]> all = new ArrayList<>(chosen);
    all.addAll(rejected);
    return new Rows(RewardBatch.of(manager(), all), pairs.size(), count);
  }

  private BradleyTerryLoss.Result loss(Rows rows) {
    NDArray rewards = model.rewards(rows.batch());
    NDArray chosen = rewards.get(new NDIndex("0:{}", rows.pairs()));
    NDArray rejected = rewards.get(new NDIndex("{}:", rows.pairs()));
    return BradleyTerryLoss.compute(chosen, rejected, null, settings.centerRewardsCoefficient());
  }

  private static PairStep step(
      boolean applied, double loss, BradleyTerryLoss.Sums sums, double norm, long tokens) {
    return new PairStep(
        applied,
        loss,
        sums.accuracy(),
        sums.meanMargin(),
        norm,
        tokens,
        Map.of(
            "rewards/chosen", sums.meanChosen(),
            "rewards/rejected", sums.meanRejected(),
            "bradley_terry", sums.meanBradleyTerry()));
  }

  private NDManager manager() {
    return model.parameters().get(RewardModel.SCORE).getManager();
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
  }
}
