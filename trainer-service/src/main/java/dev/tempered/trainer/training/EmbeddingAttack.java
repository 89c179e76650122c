package dev.tempered.trainer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.trainer.algorithm.adversarial.AdversarialSettings;
import dev.tempered.trainer.algorithm.adversarial.EmbeddingPerturbation;
import java.util.function.UnaryOperator;

/**
 * Finds the perturbation of a batch's prompt-token embeddings that raises the training loss: from δ
 * = 0, {@code steps} times the gradient of the loss at the perturbed embeddings with respect to δ,
 * then a projected ascent step ({@link EmbeddingPerturbation#ascend}). Starting at zero rather than
 * at a random point of the ball (as Madry et al. do) keeps a step deterministic and makes one L∞
 * step exactly FGSM.
 */
final class EmbeddingAttack {

  private final AdversarialSettings settings;
  private final int dim;

  EmbeddingAttack(AdversarialSettings settings, int dim) {
    this.settings = settings;
    this.dim = dim;
  }

  /** The attack {@code spec} asks for on {@code policy}; null when adversarial training is off. */
  static EmbeddingAttack of(TrainingSpec spec, LlamaModel policy) {
    return spec.adversarial() == null
        ? null
        : new EmbeddingAttack(AdversarialSettings.of(spec.adversarial()), policy.config().dim());
  }

  AdversarialSettings settings() {
    return settings;
  }

  /**
   * The perturbation [B, P+C, dim], zero outside the prompt tokens after BOS.
   *
   * @param lossAt the scalar training loss with a given perturbation added to the input embeddings
   * @param optimizer whose parameter gradients the attack's backward passes also fill, and which
   *     are zeroed again so that only the update's own backward pass reaches them
   */
  NDArray perturbation(TokenBatch batch, UnaryOperator<NDArray> lossAt, AdamW optimizer) {
    NDArray mask = EmbeddingPerturbation.promptMask(batch.keyValid(), batch.promptWidth());
    long rows = batch.tokens().getShape().get(0);
    long width = batch.tokens().getShape().get(1);
    NDArray delta = batch.tokens().getManager().zeros(new Shape(rows, width, dim));
    for (int k = 0; k < settings.steps(); k++) {
      // A fresh leaf each step: the gradient is wanted with respect to this δ only.
      NDArray leaf = delta.duplicate();
      leaf.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(lossAt.apply(leaf));
      }
      delta = EmbeddingPerturbation.ascend(delta, leaf.getGradient(), mask, settings);
    }
    optimizer.zeroGradients();
    return delta;
  }
}
