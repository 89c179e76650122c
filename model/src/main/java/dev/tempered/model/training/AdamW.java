package dev.tempered.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter): Adam moments with bias correction and weight decay decoupled from
 * the gradient, p ← p − lr·(m̂/(√v̂ + ε) + λ·p), as torch.optim.AdamW. Also clips the global
 * gradient norm the way torch.nn.utils.clip_grad_norm_ does.
 */
public final class AdamW {

  private final Map<String, NDArray> parameters;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private long steps;

  public AdamW(Map<String, NDArray> parameters, double beta1, double beta2, double epsilon) {
    this.parameters = parameters;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    parameters.forEach(
        (name, p) -> {
          firstMoments.put(name, p.zerosLike());
          secondMoments.put(name, p.zerosLike());
        });
  }

  /** Defaults of torch.optim.AdamW: betas (0.9, 0.999), eps 1e-8. */
  public static AdamW withDefaults(Map<String, NDArray> parameters) {
    return new AdamW(parameters, 0.9, 0.999, 1e-8);
  }

  public long steps() {
    return steps;
  }

  /**
   * Host copy of the optimiser state, as torch.optim.AdamW's state_dict holds it: the step count
   * and per parameter the first ({@code exp_avg}) and second ({@code exp_avg_sq}) moments.
   */
  public record State(
      long steps, Map<String, float[]> firstMoments, Map<String, float[]> secondMoments) {}

  public State state() {
    Map<String, float[]> first = new LinkedHashMap<>();
    Map<String, float[]> second = new LinkedHashMap<>();
    firstMoments.forEach((name, m) -> first.put(name, m.toFloatArray()));
    secondMoments.forEach((name, v) -> second.put(name, v.toFloatArray()));
    return new State(steps, first, second);
  }

  /** Continues from a saved state; fails naming the parameter whose moments are missing. */
  public void restore(State state) {
    for (String name : parameters.keySet()) {
      float[] first = state.firstMoments().get(name);
      float[] second = state.secondMoments().get(name);
      long size = parameters.get(name).size();
      if (first == null || second == null || first.length != size || second.length != size) {
        throw new IllegalArgumentException(
            "optimiser state has no moments of " + size + " values for parameter " + name);
      }
    }
    parameters
        .keySet()
        .forEach(
            name -> {
              firstMoments.get(name).set(state.firstMoments().get(name));
              secondMoments.get(name).set(state.secondMoments().get(name));
            });
    steps = state.steps();
  }

  /**
   * Scales gradients so their global L2 norm is at most {@code maxNorm}; returns the norm before
   * clipping. Scale = maxNorm / (norm + 1e-6), applied only when below 1, as torch does.
   */
  public double clipGradientNorm(double maxNorm) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double sumSquares = 0;
      for (NDArray p : parameters.values()) {
        sumSquares += p.getGradient().square().sum().getFloat();
      }
      double norm = Math.sqrt(sumSquares);
      double scale = maxNorm / (norm + 1e-6);
      if (scale < 1) {
        for (NDArray p : parameters.values()) {
          p.getGradient().muli(scale);
        }
      }
      return norm;
    }
  }

  /** One update with the current gradients, then zeroes them for the next backward pass. */
  public void step(double learningRate, double weightDecay) {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = 1 - Math.pow(beta2, steps);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
        NDArray p = e.getValue();
        NDArray grad = p.getGradient();
        NDArray m = firstMoments.get(e.getKey());
        NDArray v = secondMoments.get(e.getKey());
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.square().mul(1 - beta2));
        // Update the data through a detached view: autograd must not record the optimiser.
        NDArray data = p.stopGradient();
        if (weightDecay > 0) {
          data.muli(1 - learningRate * weightDecay);
        }
        NDArray denominator = v.div(correction2).sqrt().add(epsilon);
        data.subi(m.div(correction1).div(denominator).mul(learningRate));
        grad.muli(0);
      }
    }
  }

  /** Zeroes gradients without updating (e.g. when a step is skipped for a NaN loss). */
  public void zeroGradients() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (NDArray p : parameters.values()) {
        p.getGradient().muli(0);
      }
    }
  }

  /** Frees the moment buffers. */
  public void close() {
    firstMoments.values().forEach(NDArray::close);
    secondMoments.values().forEach(NDArray::close);
  }
}
