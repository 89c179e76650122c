package dev.tempered.trainer.preference;

import dev.tempered.trainer.training.CheckpointStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An algorithm that learns from preference pairs alone, run by an offline job (dataset.format
 * preferences): DPO on the policy, or a Bradley–Terry reward model. The offline job loop reads the
 * file, holds pairs out, calls {@link #train} once per step and {@link #evaluate} and {@link #save}
 * at each checkpoint; the learner owns its model and optimiser.
 */
public interface PairLearner extends AutoCloseable {

  /** One optimiser step on these pairs; a non-finite step is reported, not applied. */
  PairStep train(List<PreferencePair> batch);

  /** Preference accuracy and margin on pairs it does not train on, without gradients. */
  PairEvaluation evaluate(List<PreferencePair> heldOut);

  /** Writes the current model as checkpoint {@code version} of {@code jobId}. */
  CheckpointStore.StoredCheckpoint save(CheckpointStore store, String jobId, long version)
      throws IOException;

  @Override
  void close();

  /**
   * What one step did, its metrics summed over the batch's pairs (not a mean of per-pair means).
   *
   * @param applied false when the loss or gradient was non-finite and the update was skipped
   * @param accuracy fraction of pairs whose chosen completion scores above the rejected one
   * @param margin mean of (chosen − rejected) score: the implicit DPO reward or the reward model's
   * @param tokens completion tokens in the forward pass, for tokens/s
   * @param extra algorithm-specific metrics by name (e.g. chosen and rejected rewards)
   */
  record PairStep(
      boolean applied,
      double loss,
      double accuracy,
      double margin,
      double gradNorm,
      long tokens,
      Map<String, Double> extra) {}

  /** Held-out preference accuracy and mean margin over {@code pairs} pairs. */
  record PairEvaluation(int pairs, double accuracy, double margin) {}
}
