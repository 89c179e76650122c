package dev.tempered.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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
    if (!(temperature > 0)) {
      throw new IllegalArgumentException(
          "temperature must be > 0 in a logprob pass, got " + temperature);
    }
    {
      NDArray logits = model.forward(batch.tokens(), batch.positions(), batch.keyValid(), null);
      int p = batch.promptWidth();
      int c = batch.completionWidth();
      // Logits at index j predict token j+1: completion token i is predicted at p - 1 + i.
      NDArray predicting =
          logits
              .get(new NDIndex(":, {}:{}, :", p - 1, p - 1 + c))
              .mul(Scalars.owned(logits.getManager(), 1.0 / temperature));
      NDArray logSoftmax = predicting.logSoftmax(-1);
      NDArray picked = logSoftmax.gather(batch.completionTokens().expandDims(-1), -1).squeeze(-1);
      NDArray entropy =
          withEntropy ? logSoftmax.exp().mul(logSoftmax).sum(new int[] {-1}).neg() : null;
      return new TokenLogprobs(picked, entropy);
    }
  }
}
