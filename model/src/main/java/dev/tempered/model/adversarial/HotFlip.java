package dev.tempered.model.adversarial;

import dev.tempered.model.llama.LlamaModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * HotFlip (Ebrahimi et al. 2018, "HotFlip: White-Box Adversarial Examples for Text
 * Classification"): token substitutions chosen by the first-order estimate of how much each would
 * raise the loss of the reference continuation, {@code (e_w - e_t_i) . dL/de_i} for replacing the
 * token t_i at prompt position i by w; greedily one flip at a time, the gradient taken afresh after
 * each, never the same position twice. Position 0 (BOS) is never touched.
 */
public final class HotFlip {

  /**
   * A perturbed prompt.
   *
   * @param tokens the prompt after the flips
   * @param positions the flipped positions, in the order they were chosen
   * @param loss the reference loss under the perturbed prompt, in nats
   */
  public record Result(int[] tokens, List<Integer> positions, double loss) {}

  private final LlamaModel model;
  private final int[] candidates;
  private final float[] table;
  private final int dim;

  /**
   * @param candidates the token ids a position may be flipped to (e.g. the tokenizer's learned
   *     pieces, leaving out BOS/EOS and byte tokens)
   */
  public HotFlip(LlamaModel model, int[] candidates) {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("HotFlip needs at least one candidate token");
    }
    this.model = model;
    this.candidates = candidates.clone();
    this.table = model.parameters().get("tok_embeddings").toFloatArray();
    this.dim = model.config().dim();
  }

  /** The reference loss of {@code prompt} unchanged, for comparison. */
  public double loss(int[] prompt, int[] reference) {
    return ReferenceLoss.of(model, prompt, reference);
  }

  /** {@code budget} greedy flips of {@code prompt} that raise the loss of {@code reference}. */
  public Result attack(int[] prompt, int[] reference, int budget) {
    return attack(prompt, reference, budget, new boolean[prompt.length]);
  }

  /**
   * {@code budget} greedy flips as {@link #attack(int[], int[], int)}, never at a position marked
   * in {@code frozen} (e.g. byte tokens, which only spell a character together).
   */
  public Result attack(int[] prompt, int[] reference, int budget, boolean[] frozen) {
    if (frozen.length != prompt.length) {
      throw new IllegalArgumentException(
          "frozen marks " + frozen.length + " positions of a " + prompt.length + "-token prompt");
    }
    boolean[] used = frozen.clone();
    used[0] = true;
    int free = 0;
    for (boolean u : used) {
      free += u ? 0 : 1;
    }
    if (budget > free) {
      throw new IllegalArgumentException(
          "edit budget " + budget + " exceeds the " + free + " positions that may be flipped");
    }
    checkBudget(prompt, budget);
    int[] tokens = prompt.clone();
    List<Integer> flipped = new ArrayList<>();
    for (int k = 0; k < budget; k++) {
      float[] grad = ReferenceLoss.withGradient(model, tokens, reference).gradient();
      int bestPosition = -1;
      int bestToken = -1;
      double bestGain = Double.NEGATIVE_INFINITY;
      for (int i = 1; i < tokens.length; i++) {
        if (used[i]) {
          continue;
        }
        double current = dot(tokens[i], grad, i);
        for (int w : candidates) {
          double gain = dot(w, grad, i) - current;
          if (w != tokens[i] && gain > bestGain) {
            bestGain = gain;
            bestPosition = i;
            bestToken = w;
          }
        }
      }
      tokens[bestPosition] = bestToken;
      used[bestPosition] = true;
      flipped.add(bestPosition);
    }
    return new Result(tokens, flipped, ReferenceLoss.of(model, tokens, reference));
  }

  /**
   * The baseline at the same edit budget: {@code budget} distinct positions (never BOS), each set
   * to a uniformly drawn candidate other than the token there.
   */
  public Result random(int[] prompt, int[] reference, int budget, RandomGenerator random) {
    checkBudget(prompt, budget);
    int[] tokens = prompt.clone();
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i < prompt.length; i++) {
      order.add(i);
    }
    // A partial Fisher-Yates shuffle picks the positions.
    List<Integer> flipped = new ArrayList<>();
    for (int k = 0; k < budget; k++) {
      int j = k + random.nextInt(order.size() - k);
      int position = order.get(j);
      order.set(j, order.get(k));
      order.set(k, position);
      int w;
      do {
        w = candidates[random.nextInt(candidates.length)];
      } while (w == tokens[position] && candidates.length > 1);
      tokens[position] = w;
      flipped.add(position);
    }
    return new Result(tokens, flipped, ReferenceLoss.of(model, tokens, reference));
  }

  private double dot(int token, float[] grad, int position) {
    double sum = 0;
    int e = token * dim;
    int g = position * dim;
    for (int d = 0; d < dim; d++) {
      sum += table[e + d] * grad[g + d];
    }
    return sum;
  }

  private static void checkBudget(int[] prompt, int budget) {
    if (budget < 1 || budget > prompt.length - 1) {
      throw new IllegalArgumentException(
          "edit budget must be between 1 and the "
              + (prompt.length - 1)
              + " prompt tokens after BOS, was "
              + budget
              + " (prompt "
              + Arrays.toString(prompt)
              + ")");
    }
  }
}
