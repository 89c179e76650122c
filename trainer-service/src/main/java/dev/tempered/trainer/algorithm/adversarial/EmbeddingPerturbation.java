package dev.tempered.trainer.algorithm.adversarial;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.Scalars;

/**
 * One projected gradient-ascent step on a perturbation δ [B, T, D] of input embeddings, the update
 * of PGD (Madry et al. 2018, "Towards Deep Learning Models Resistant to Adversarial Attacks", eq.
 * 2): {@code δ ← Π_ε(δ + α · direction(∇δ L))}, with direction sign(g) under L∞ and g / ‖g‖₂ under
 * L2 (norms per sequence, over all its positions and dimensions, as FreeLB does per example). From
 * δ = 0 with α = ε, one L∞ step is FGSM (Goodfellow et al. 2015), {@code ε · sign(∇x L)}. Pure
 * arithmetic on arrays: no autograd.
 */
public final class EmbeddingPerturbation {

  /** Guards the L2 direction and projection against a zero norm. */
  static final float MIN_NORM = 1e-12f;

  private EmbeddingPerturbation() {}

  /**
   * The perturbation after one ascent step.
   *
   * @param delta the current perturbation [B, T, D], zero outside {@code mask}
   * @param gradient the loss's gradient with respect to the perturbation [B, T, D]
   * @param mask [B, T] 1 where the perturbation may be non-zero, 0 elsewhere
   */
  public static NDArray ascend(
      NDArray delta, NDArray gradient, NDArray mask, AdversarialSettings settings) {
    NDArray keep = mask.expandDims(-1);
    NDArray g = gradient.mul(keep);
    NDArray direction =
        switch (settings.norm()) {
          case LINF -> g.sign();
          case L2 -> g.div(sequenceNorm(g).maximum(MIN_NORM));
        };
    NDArray moved = delta.add(Scalars.mul(direction, settings.stepSize())).mul(keep);
    return project(moved, settings);
  }

  /** Π_ε: the nearest point of the ε-ball around 0, per sequence. */
  public static NDArray project(NDArray delta, AdversarialSettings settings) {
    double eps = settings.epsilon();
    return switch (settings.norm()) {
      case LINF -> delta.clip(-eps, eps);
      case L2 -> {
        NDArray norm = sequenceNorm(delta).maximum(MIN_NORM);
        NDManager m = delta.getManager();
        NDArray factor = Scalars.owned(m, eps).div(norm).minimum(1f);
        yield delta.mul(factor);
      }
    };
  }

  /** ‖x_b‖₂ over positions and dimensions of each sequence b: [B, 1, 1]. */
  static NDArray sequenceNorm(NDArray x) {
    return x.square().sum(new int[] {1, 2}, true).sqrt();
  }

  /**
   * Where a perturbation of {@code width} positions may act: the real prompt tokens after BOS, that
   * is positions {@code j < promptWidth} with {@code keyValid = 1} other than each row's first real
   * one. Completions are left alone: they are the policy's own output, the text whose likelihood
   * the loss is about, not its (noisy) input.
   *
   * @param keyValid [B, width] 1 for real tokens, 0 for left padding
   */
  public static NDArray promptMask(NDArray keyValid, int promptWidth) {
    long rows = keyValid.getShape().get(0);
    int width = (int) keyValid.getShape().get(1);
    float[] valid = keyValid.toFloatArray();
    float[] mask = new float[valid.length];
    for (int b = 0; b < rows; b++) {
      boolean seenBos = false;
      for (int j = 0; j < promptWidth; j++) {
        int k = b * width + j;
        if (valid[k] > 0) {
          mask[k] = seenBos ? 1f : 0f;
          seenBos = true;
        }
      }
    }
    return keyValid.getManager().create(mask, new Shape(rows, width));
  }
}
