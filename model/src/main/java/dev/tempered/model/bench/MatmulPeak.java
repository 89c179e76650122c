package dev.tempered.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.LlamaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's fp32 matmul ceiling for achieved-FLOP/s ratios: the best FLOP/s of libtorch over
 * square sizes and the matmul shapes a training step of the model actually runs, so that no
 * training step can be measured above it merely because one size happened to run slowly.
 */
final class MatmulPeak {

  private static final int ROUNDS = 3;

  private final List<int[]> shapes;
  private double peak;
  private String peakShape = "none";

  MatmulPeak(List<int[]> shapes) {
    this.shapes = List.copyOf(shapes);
  }

  /** [m, k] x [k, n] shapes: squares, then the forward and backward products of {@code config}. */
  static List<int[]> shapes(LlamaConfig config, int tokens) {
    int d = config.dim();
    int h = config.hiddenDim();
    int v = config.vocabSize();
    List<int[]> shapes = new ArrayList<>();
    for (int n : new int[] {512, 1024, 2048}) {
      shapes.add(new int[] {n, n, n});
    }
    // Forward x·Wᵀ, the input gradient g·W and the weight gradient gᵀ·x of each projection.
    for (int[] w : new int[][] {{d, d}, {h, d}, {d, h}, {v, d}}) {
      int out = w[0];
      int in = w[1];
      shapes.add(new int[] {tokens, in, out});
      shapes.add(new int[] {tokens, out, in});
      shapes.add(new int[] {out, tokens, in});
    }
    return shapes;
  }

  /**
   * Measures every shape again and returns the best FLOP/s seen so far, over this and earlier
   * calls; {@code print} lists each shape's best and the one that set the peak.
   */
  double measure(boolean print) {
    if (print) {
      System.out.println("libtorch fp32 matmul FLOP/s (best of " + ROUNDS + " per shape):");
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int[] s : shapes) {
        double flops = best(manager, s[0], s[1], s[2]);
        String name = s[0] + "x" + s[1] + " . " + s[1] + "x" + s[2];
        if (print) {
          System.out.printf("  %-24s %8.2f GFLOP/s%n", name, flops / 1e9);
        }
        if (flops > peak) {
          peak = flops;
          peakShape = name;
        }
      }
    }
    if (print) {
      System.out.printf("matmul peak: %.2f GFLOP/s at %s%n", peak / 1e9, peakShape);
    }
    return peak;
  }

  /** The shape that set the peak so far, as {@code m x k . k x n}. */
  String bestShape() {
    return peakShape;
  }

  private static double best(NDManager parent, int m, int k, int n) {
    try (NDManager manager = parent.newSubManager()) {
      NDArray a = manager.randomNormal(new Shape(m, k));
      NDArray b = manager.randomNormal(new Shape(k, n));
      a.matMul(b).close(); // warm-up
      double best = 0;
      for (int i = 0; i < ROUNDS; i++) {
        long started = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0);
        }
        best = Math.max(best, 2.0 * m * k * n / ((System.nanoTime() - started) / 1e9));
      }
      return best;
    }
  }
}
