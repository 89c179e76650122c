package dev.tempered.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Scalar factors survive until the backward pass: the gradient of 3·x is exactly 3 even when the
 * JVM collects garbage and reuses direct memory between forward and backward.
 */
class ScalarsTest {

  @Test
  void gradientOfAScalarProductSurvivesGarbageCollection() {
    // With DJL's own x.mul(3.0) this fails: hundreds of thousands of wrong gradient entries.
    assertThat(gradientsAfterChurn(Scalars::mul)).containsOnly(3f);
  }

  static float[] gradientsAfterChurn(BiFunction<NDArray, Double, NDArray> times) {
    float[] all = new float[0];
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int round = 0; round < 20; round++) {
        NDArray x = manager.ones(new Shape(4096));
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray loss = times.apply(x, 3.0).sum();
          churnDirectMemory();
          collector.backward(loss);
        }
        float[] grad = x.getGradient().toFloatArray();
        all = Arrays.copyOf(all, all.length + grad.length);
        System.arraycopy(grad, 0, all, all.length - grad.length, grad.length);
      }
    }
    return all;
  }

  /** Frees collected direct buffers and refills the memory with a NaN pattern. */
  private static void churnDirectMemory() {
    System.gc();
    for (int i = 0; i < 64; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(64);
      while (b.remaining() >= 4) {
        b.putFloat(Float.NaN);
      }
    }
  }
}
