package dev.tempered.trainer.preference;

import ai.djl.Device;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.trainer.algorithm.dpo.DpoLoss;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import dev.tempered.trainer.training.CheckpointStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DPO on offline preference pairs of text, as a {@link PairLearner}: the pairs are tokenised by
 * {@link PairTokens} and trained by a {@link DpoPolicyTrainer} at temperature 1 (offline data has
 * no sampling temperature). The held-out score of a pair is its implicit reward margin β·h, so the
 * accuracy is TRL's {@code rewards/accuracies} (strict: a tie is not a win).
 */
public final class OfflineDpoTrainer implements PairLearner {

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

  private static final float OFFLINE_TEMPERATURE = 1f;

  private final DpoPolicyTrainer trainer;
  private final Llama2cTokenizer tokenizer;
  private final Settings settings;
  // Offline pairs come back every epoch; the llama2.c tokenizer is slow on long dialogues.
  private final Map<PreferencePair, PairTokens> tokens = new HashMap<>();

  public OfflineDpoTrainer(
      LlamaWeights base, Llama2cTokenizer tokenizer, Device device, Settings settings) {
    int window = settings.maxPromptTokens() + settings.maxCompletionTokens();
    if (window > base.config().seqLen()) {
      throw new IllegalArgumentException(
          "maxPromptTokens + maxCompletionTokens = "
              + window
              + " exceeds the model's context of "
              + base.config().seqLen()
              + " tokens");
    }
    this.trainer =
        new DpoPolicyTrainer(
            base,
            device,
            new DpoPolicyTrainer.Settings(
                settings.loss(),
                settings.learningRate(),
                settings.weightDecay(),
                settings.maxGradNorm()));
    this.tokenizer = tokenizer;
    this.settings = settings;
  }

  @Override
  public PairStep train(List<PreferencePair> batch) {
    return trainer.step(tokens(batch), OFFLINE_TEMPERATURE);
  }

  @Override
  public PairEvaluation evaluate(List<PreferencePair> heldOut) {
    DpoLoss.DpoMetrics m = measure(heldOut);
    return new PairEvaluation(heldOut.size(), m.accuracy(), m.margin());
  }

  /** The DPO loss and reward metrics of the current policy on these pairs, without an update. */
  public DpoLoss.DpoMetrics measure(List<PreferencePair> pairs) {
    return trainer.measure(tokens(pairs), OFFLINE_TEMPERATURE);
  }

  @Override
  public CheckpointStore.StoredCheckpoint save(CheckpointStore store, String jobId, long version)
      throws IOException {
    return store.write(jobId, version, trainer.weights());
  }

  /** A host copy of the policy's current weights. */
  public LlamaWeights weights() {
    return trainer.weights();
  }

  private List<PairTokens> tokens(List<PreferencePair> pairs) {
    return pairs.stream()
        .map(
            p ->
                tokens.computeIfAbsent(
                    p,
                    pair ->
                        PairTokens.of(
                            pair,
                            tokenizer,
                            settings.maxPromptTokens(),
                            settings.maxCompletionTokens())))
        .toList();
  }

  @Override
  public void close() {
    trainer.close();
  }
}
