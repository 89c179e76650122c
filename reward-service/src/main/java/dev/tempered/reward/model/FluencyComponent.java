package dev.tempered.reward.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.Autograd;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.model.training.TokenLogprobs;
import dev.tempered.reward.scoring.GroupRewardComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code fluency}: how likely the frozen reference (the job's base model) finds the candidate as a
 * continuation of the prompt, exp of the mean token log-prob of the candidate's tokens given BOS +
 * prompt (teacher forcing at temperature 1, the model's own distribution), i.e. the inverse of the
 * candidate's perplexity, in (0, 1] like the other components; ln of it is the mean log-prob in
 * nats. An empty candidate scores 0. The candidate is tokenised as the sampler decoded it (one
 * leading space dropped, the tokenizer's dummy prefix adds it back) and keeps at most half the
 * context; the prompt keeps its end.
 */
public final class FluencyComponent implements GroupRewardComponent {

  private final LlamaModel model;
  private final Llama2cTokenizer tokenizer;

  public FluencyComponent(LlamaModel model, Llama2cTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /** The mean token log-prob of each candidate (−∞ for an empty one), in one forward pass. */
  public synchronized double[] meanLogprobs(String prompt, List<String> candidates) {
    int context = model.config().seqLen();
    List<int[]> completions = new ArrayList<>(candidates.size());
    int longest = 0;
    for (String c : candidates) {
      String body = c.startsWith(" ") ? c.substring(1) : c;
      int[] ids = tokenizer.encode(body, false, false);
      ids = Arrays.copyOf(ids, Math.min(ids.length, context / 2));
      completions.add(ids);
      longest = Math.max(longest, ids.length);
    }
    double[] means = new double[candidates.size()];
    Arrays.fill(means, Double.NEGATIVE_INFINITY);
    if (longest == 0) {
      return means;
    }
    int[] head = promptTokens(prompt, context - longest);
    List<int[]> prompts = new ArrayList<>();
    List<int[]> rows = new ArrayList<>();
    for (int[] ids : completions) {
      // TokenBatch needs a token per row; an empty candidate gets a placeholder masked out below.
      prompts.add(head);
      rows.add(ids.length == 0 ? new int[] {Llama2cTokenizer.EOS} : ids);
    }
    Autograd.disableOnCurrentThread();
    NDManager manager = model.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      TokenBatch batch = TokenBatch.of(manager, prompts, rows);
      TokenLogprobs lp = TeacherForcing.completionLogprobs(model, batch, 1f, false);
      float[] values = lp.logprobs().toFloatArray();
      int width = batch.completionWidth();
      for (int b = 0; b < completions.size(); b++) {
        int n = completions.get(b).length;
        if (n > 0) {
          double sum = 0;
          for (int i = 0; i < n; i++) {
            sum += values[b * width + i];
          }
          means[b] = sum / n;
        }
      }
    }
    return means;
  }

  @Override
  public double[] scoreGroup(String prompt, List<String> candidates, String reference) {
    double[] means = meanLogprobs(prompt, candidates);
    double[] scores = new double[means.length];
    for (int i = 0; i < means.length; i++) {
      scores[i] = Math.exp(means[i]);
    }
    return scores;
  }

  /** BOS + the prompt's last {@code room − 1} tokens. */
  private int[] promptTokens(String prompt, int room) {
    int[] ids = tokenizer.encode(prompt == null ? "" : prompt, false, false);
    int keep = Math.min(ids.length, Math.max(0, room - 1));
    int[] head = new int[keep + 1];
    head[0] = Llama2cTokenizer.BOS;
    System.arraycopy(ids, ids.length - keep, head, 1, keep);
    return head;
  }
}
