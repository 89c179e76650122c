package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The q/k row permutation of transformers' convert_llama_weights_to_hf.py, and its inverse. */
class RotaryPermutationTest {

  @Test
  void matchesTheHuggingFacePermuteOnRowIndices() {
    // numpy: arange(16).reshape(2, 8 // 2, 2, 1).transpose(0, 2, 1, 3).reshape(16), i.e.
    // permute(w, n_heads=2) with head size 8 on a one-column matrix whose entries are row ids.
    float[] rows = new float[16];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    assertThat(RotaryPermutation.toRotateHalf(rows, 2, 8, 1))
        .containsExactly(0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15);
  }

  @Test
  void permuteThenInverseIsTheIdentity() {
    Random random = new Random(5);
    int heads = 3;
    int headSize = 6;
    int in = 7;
    float[] w = new float[heads * headSize * in];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    float[] hf = RotaryPermutation.toRotateHalf(w, heads, headSize, in);
    assertThat(hf).isNotEqualTo(w);
    assertThat(RotaryPermutation.toInterleaved(hf, heads, headSize, in)).containsExactly(w);
    assertThat(
            RotaryPermutation.toRotateHalf(
                RotaryPermutation.toInterleaved(w, heads, headSize, in), heads, headSize, in))
        .containsExactly(w);
  }

  /**
   * The point of the permutation: rotate-half RoPE (transformers' apply_rotary_pos_emb) on the
   * permuted projection gives the permuted result of llama2.c's adjacent-pair RoPE.
   */
  @Test
  void rotateHalfRopeOnPermutedWeightsEqualsInterleavedRope() {
    Random random = new Random(11);
    int heads = 2;
    int hs = 8;
    int in = 5;
    float[] w = new float[heads * hs * in];
    float[] x = new float[in];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < in; i++) {
      x[i] = (float) random.nextGaussian();
    }
    int pos = 7;
    double[] interleaved = project(w, x);
    double[] rotateHalf = project(RotaryPermutation.toRotateHalf(w, heads, hs, in), x);
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < hs / 2; i++) {
        double angle = pos / Math.pow(10_000, 2.0 * i / hs);
        double a = interleaved[h * hs + 2 * i];
        double b = interleaved[h * hs + 2 * i + 1];
        double expectedFirst = a * Math.cos(angle) - b * Math.sin(angle);
        double expectedSecond = a * Math.sin(angle) + b * Math.cos(angle);
        double p = rotateHalf[h * hs + i];
        double q = rotateHalf[h * hs + i + hs / 2];
        // q·cos + rotate_half(q)·sin with rotate_half(q) = cat(-q2, q1)
        assertThat(p * Math.cos(angle) - q * Math.sin(angle))
            .isCloseTo(expectedFirst, within(1e-9));
        assertThat(q * Math.cos(angle) + p * Math.sin(angle))
            .isCloseTo(expectedSecond, within(1e-9));
      }
    }
  }

  private static double[] project(float[] w, float[] x) {
    double[] out = new double[w.length / x.length];
    for (int r = 0; r < out.length; r++) {
      for (int c = 0; c < x.length; c++) {
        out[r] += (double) w[r * x.length + c] * x[c];
      }
    }
    return out;
  }
}
