package dev.tempered.model.io;

/**
 * The row permutation of a query or key projection between llama2.c's rotary layout, which rotates
 * adjacent pairs (2i, 2i+1) of each head, and Hugging Face's rotate-half layout, which rotates (i,
 * i + headSize/2). Within each head, llama2.c row 2i+j is Hugging Face row j·headSize/2 + i:
 * exactly {@code permute} of transformers' {@code convert_llama_weights_to_hf.py}, {@code
 * w.view(heads, hs/2, 2, in).transpose(1, 2)}.
 */
public final class RotaryPermutation {

  private RotaryPermutation() {}

  /** llama2.c (interleaved) rows to Hugging Face (rotate-half) rows. */
  public static float[] toRotateHalf(float[] weight, int heads, int headSize, int inFeatures) {
    return permute(weight, heads, headSize, inFeatures, true);
  }

  /** Hugging Face (rotate-half) rows back to llama2.c (interleaved) rows. */
  public static float[] toInterleaved(float[] weight, int heads, int headSize, int inFeatures) {
    return permute(weight, heads, headSize, inFeatures, false);
  }

  private static float[] permute(
      float[] weight, int heads, int headSize, int inFeatures, boolean toRotateHalf) {
    if (headSize % 2 != 0 || weight.length != (long) heads * headSize * inFeatures) {
      throw new IllegalArgumentException(
          "a "
              + heads
              + "-head projection of head size "
              + headSize
              + " (even) and "
              + inFeatures
              + " inputs needs "
              + (long) heads * headSize * inFeatures
              + " values, got "
              + weight.length);
    }
    int half = headSize / 2;
    float[] out = new float[weight.length];
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < half; i++) {
        for (int j = 0; j < 2; j++) {
          int interleaved = h * headSize + 2 * i + j;
          int rotateHalf = h * headSize + j * half + i;
          int from = toRotateHalf ? interleaved : rotateHalf;
          int to = toRotateHalf ? rotateHalf : interleaved;
          System.arraycopy(weight, from * inFeatures, out, to * inFeatures, inFeatures);
        }
      }
    }
    return out;
  }
}
