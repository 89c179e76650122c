package dev.tempered.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A linear value head V = w·h + b on final hidden states h [B, C, dim] → [B, C]. The weight starts
 * as OpenRLHF initialises its value head, normal with std 1/(dim + 1), and the bias at 0, so the
 * first values are near 0; its parameters live on their own manager and are freed by close.
 */
final class ValueHead implements AutoCloseable {

  static final String WEIGHT = "value_head.weight";
  static final String BIAS = "value_head.bias";

  private final NDManager manager;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();

  ValueHead(int dim, Device device, long seed) {
    this.manager = NDManager.newBaseManager(device);
    Random random = new Random(seed);
    float[] weight = new float[dim];
    double std = 1.0 / (dim + 1);
    for (int i = 0; i < dim; i++) {
      weight[i] = (float) (random.nextGaussian() * std);
    }
    parameters.put(WEIGHT, manager.create(weight, new Shape(1, dim)));
    parameters.put(BIAS, manager.zeros(new Shape(1)));
    parameters.forEach(
        (name, p) -> {
          p.setName(name);
          p.setRequiresGradient(true);
        });
  }

  /** Trainable parameters by name (weight [1, dim], bias [1]). */
  Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Values [B, C] of hidden states [B, C, dim]; differentiable inside a gradient collector. */
  NDArray values(NDArray hidden) {
    return hidden
        .getNDArrayInternal()
        .linear(hidden, parameters.get(WEIGHT), parameters.get(BIAS))
        .singletonOrThrow()
        .squeeze(-1);
  }

  @Override
  public void close() {
    manager.close();
  }
}
