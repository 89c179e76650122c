package dev.tempered.trainer.algorithm;

import ai.djl.ndarray.NDArray;
import dev.tempered.model.llama.Scalars;

/**
 * Per-token estimators of KL(π‖π_ref) from log-probs of tokens sampled from π (Schulman's k1, k2,
 * k3). With r = ref − logp: k1 = −r, k2 = r²/2, k3 = exp(r) − r − 1. For logp −1.0 and ref −1.5: k1
 * 0.5, k2 0.125, k3 0.106531.
 */
public enum KlEstimator {
  K1,
  K2,
  K3;

  public NDArray perToken(NDArray logp, NDArray refLogp) {
    NDArray r = refLogp.sub(logp);
    return switch (this) {
      case K1 -> r.neg();
      case K2 -> Scalars.mul(r.square(), 0.5);
      case K3 -> r.exp().sub(r).sub(1f);
    };
  }
}
