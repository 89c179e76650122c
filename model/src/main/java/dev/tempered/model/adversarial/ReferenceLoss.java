package dev.tempered.model.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import dev.tempered.model.llama.LlamaModel;

/**
 * The loss an attack raises: the negative log-likelihood of a reference continuation given a
 * prompt, {@code -sum_i log p(reference_i | prompt, reference_<i)}, with its gradient with respect
 * to the prompt's input embeddings.
 */
final class ReferenceLoss {

  /**
   * @param loss the negative log-likelihood in nats
   * @param gradient [promptLength * dim] row-major: d loss / d embedding of each prompt token
   */
  record WithGradient(double loss, float[] gradient) {}

  private ReferenceLoss() {}

  /** The loss of {@code reference} after {@code prompt}, without a gradient. */
  static double of(LlamaModel model, int[] prompt, int[] reference) {
    try (NDManager scope = model.parameters().get("norm").getManager().newSubManager()) {
      NDArray x = embed(model, scope, prompt, reference);
      return loss(model, scope, x, prompt.length, reference).getFloat();
    }
  }

  /** The loss and its gradient with respect to the prompt's input embeddings. */
  static WithGradient withGradient(LlamaModel model, int[] prompt, int[] reference) {
    try (NDManager scope = model.parameters().get("norm").getManager().newSubManager()) {
      // A leaf copy of the embeddings: the gradient is wanted here, not in the embedding table.
      NDArray x = embed(model, scope, prompt, reference).duplicate();
      x.setRequiresGradient(true);
      double value;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = loss(model, scope, x, prompt.length, reference);
        value = loss.getFloat();
        collector.backward(loss);
      }
      NDArray grad = x.getGradient().get(new NDIndex("0, :{}, :", prompt.length));
      return new WithGradient(value, grad.toFloatArray());
    }
  }

  private static NDArray embed(LlamaModel model, NDManager scope, int[] prompt, int[] reference) {
    int t = prompt.length + reference.length;
    long[] ids = new long[t];
    for (int i = 0; i < t; i++) {
      ids[i] = i < prompt.length ? prompt[i] : reference[i - prompt.length];
    }
    NDArray table = model.parameters().get("tok_embeddings");
    NDArray tokens = scope.create(ids, new Shape(1, t));
    return tokens
        .getNDArrayInternal()
        .embedding(tokens, table, SparseFormat.DENSE)
        .singletonOrThrow();
  }

  private static NDArray loss(
      LlamaModel model, NDManager scope, NDArray x, int promptLength, int[] reference) {
    int t = promptLength + reference.length;
    long[] positions = new long[t];
    float[] valid = new float[t];
    long[] targets = new long[reference.length];
    for (int i = 0; i < t; i++) {
      positions[i] = i;
      valid[i] = 1f;
    }
    for (int i = 0; i < reference.length; i++) {
      targets[i] = reference[i];
    }
    NDArray logits =
        model.forwardEmbeddings(
            x,
            scope.create(positions, new Shape(1, t)),
            scope.create(valid, new Shape(1, t)),
            null);
    // Logits at j predict token j+1: reference token i is predicted at promptLength - 1 + i.
    NDArray predicting =
        logits.get(
            new NDIndex("0, {}:{}, :", promptLength - 1, promptLength - 1 + reference.length));
    NDArray picked =
        predicting.logSoftmax(-1).gather(scope.create(targets, new Shape(reference.length, 1)), -1);
    return picked.sum().neg();
  }
}
