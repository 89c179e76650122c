package dev.tempered.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.SparseFormat;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.Scalars;

/**
 * The teacher-forced pass used for training: log-probs of every completion token given everything
 * before it, under logits divided by the sampling temperature (the distribution the sampler drew
 * from), and the entropy of that distribution. Differentiable when run inside a gradient collector.
 */
public final class TeacherForcing {

  private TeacherForcing() {}

  public static TokenLogprobs completionLogprobs(
      LlamaModel model, TokenBatch batch, float temperature, boolean withEntropy) {
    return completionLogprobs(model, batch, temperature, withEntropy, null);
  }

  /**
   * The same pass with {@code perturbation} [B, P+C, dim] added to the input embeddings of the
   * batch's tokens (embedding-space adversarial training); null is the plain pass.
   */
  public static TokenLogprobs completionLogprobs(
      LlamaModel model,
      TokenBatch batch,
      float temperature,
      boolean withEntropy,
      NDArray perturbation) {
    requirePositive(temperature);
    NDArray logits =
        perturbation == null
            ? model.forward(batch.tokens(), batch.positions(), batch.keyValid(), null)
            : model.forwardEmbeddings(
                embed(model, batch.tokens()).add(perturbation),
                batch.positions(),
                batch.keyValid(),
                null);
    return completionTokens(logits, batch, temperature, withEntropy);
  }

  /**
   * The completion log-probs and entropies of {@link #completionLogprobs} with the final hidden
   * states at the positions that predict each completion token.
   *
   * @param tokens as {@link #completionLogprobs} returns
   * @param hidden [B, C, dim]: row i is the state in which completion token i is chosen (the hidden
   *     state of the token before it), what a value head reads
   */
  public record WithHidden(TokenLogprobs tokens, NDArray hidden) {}

  /** {@link #completionLogprobs} plus the final hidden states of the predicting positions. */
  public static WithHidden completionLogprobsWithHidden(
      LlamaModel model, TokenBatch batch, float temperature, boolean withEntropy) {
    requirePositive(temperature);
    LlamaModel.HiddenAndLogits out =
        model.forwardWithHidden(batch.tokens(), batch.positions(), batch.keyValid(), null);
    NDArray hidden = out.hidden().get(predicting(batch));
    return new WithHidden(completionTokens(out.logits(), batch, temperature, withEntropy), hidden);
  }

  private static void requirePositive(float temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException(
          "temperature must be > 0 in a logprob pass, got " + temperature);
    }
  }

  /** Logits at index j predict token j+1: completion token i is predicted at p - 1 + i. */
  private static NDIndex predicting(TokenBatch batch) {
    int p = batch.promptWidth();
    return new NDIndex(":, {}:{}, :", p - 1, p - 1 + batch.completionWidth());
  }

  private static TokenLogprobs completionTokens(
      NDArray logits, TokenBatch batch, float temperature, boolean withEntropy) {
    NDArray predicting =
        logits.get(predicting(batch)).mul(Scalars.owned(logits.getManager(), 1.0 / temperature));
    NDArray logSoftmax = predicting.logSoftmax(-1);
    NDArray picked = logSoftmax.gather(batch.completionTokens().expandDims(-1), -1).squeeze(-1);
    NDArray entropy =
        withEntropy ? logSoftmax.exp().mul(logSoftmax).sum(new int[] {-1}).neg() : null;
    return new TokenLogprobs(picked, entropy);
  }

  /** The input embeddings [B, T, dim] of {@code tokens}: rows of the model's embedding table. */
  public static NDArray embed(LlamaModel model, NDArray tokens) {
    return tokens
        .getNDArrayInternal()
        .embedding(tokens, model.parameters().get("tok_embeddings"), SparseFormat.DENSE)
        .singletonOrThrow();
  }
}
