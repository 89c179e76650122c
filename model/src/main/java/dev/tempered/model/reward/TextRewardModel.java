package dev.tempered.model.reward;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.Autograd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved reward model ready to score texts: the model, its tokenizer and token layout. Inference
 * only: scoring turns gradient recording off on the calling thread.
 */
public final class TextRewardModel implements AutoCloseable {

  private final RewardModel model;
  private final Llama2cTokenizer tokenizer;
  private final RewardSequences sequences;

  public TextRewardModel(RewardModel model, Llama2cTokenizer tokenizer, RewardSequences sequences) {
    if (sequences.maxLength() > model.maxLength()) {
      throw new IllegalArgumentException(
          "token layout of up to "
              + sequences.maxLength()
              + " tokens exceeds the model's context of "
              + model.maxLength());
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.sequences = sequences;
  }

  /** Loads a directory written by {@link HfRewardModelFormat#write} onto {@code device}. */
  public static TextRewardModel load(Path dir, Device device) throws IOException {
    HfRewardModelFormat.Stored stored = HfRewardModelFormat.read(dir);
    Llama2cTokenizer tokenizer =
        Llama2cTokenizer.read(stored.tokenizer(), stored.weights().trunk().config().vocabSize());
    return new TextRewardModel(
        RewardModel.create(stored.weights(), device), tokenizer, stored.sequences());
  }

  public RewardSequences sequences() {
    return sequences;
  }

  /** The reward of each (prompt, completion) row, all rows in one forward pass. */
  public float[] rewards(List<String> prompts, List<String> completions) {
    if (prompts.size() != completions.size()) {
      throw new IllegalArgumentException(
          prompts.size() + " prompts but " + completions.size() + " completions");
    }
    if (prompts.isEmpty()) {
      return new float[0];
    }
    List<int[]> rows = new ArrayList<>(prompts.size());
    for (int i = 0; i < prompts.size(); i++) {
      rows.add(sequences.encode(tokenizer, prompts.get(i), completions.get(i)));
    }
    Autograd.disableOnCurrentThread();
    NDManager manager = model.parameters().get(RewardModel.SCORE).getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return model.rewards(RewardBatch.of(manager, rows)).toFloatArray();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
