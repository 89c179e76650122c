package dev.tempered.model.llama;

/**
 * Sizes of a Llama model as the llama2.c header stores them, plus RoPE theta and the RMSNorm
 * epsilon.
 *
 * @param sharedClassifier true when the output classifier is the token embedding (tied)
 */
public record LlamaConfig(
    int dim,
    int hiddenDim,
    int layers,
    int heads,
    int kvHeads,
    int vocabSize,
    int seqLen,
    boolean sharedClassifier,
    double ropeTheta,
    double normEps) {

  public static final double DEFAULT_ROPE_THETA = 10_000.0;
  public static final double DEFAULT_NORM_EPS = 1e-5;

  public LlamaConfig {
    if (dim <= 0
        || hiddenDim <= 0
        || layers <= 0
        || heads <= 0
        || kvHeads <= 0
        || vocabSize <= 0
        || seqLen <= 0) {
      throw new IllegalArgumentException("every Llama size must be positive: " + this);
    }
    if (dim % heads != 0) {
      throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "heads " + heads + " is not a multiple of kvHeads " + kvHeads);
    }
    if ((dim / heads) % 2 != 0) {
      throw new IllegalArgumentException("head size " + dim / heads + " must be even for RoPE");
    }
  }

  public int headSize() {
    return dim / heads;
  }

  public int kvDim() {
    return kvHeads * headSize();
  }

  /** How many query heads share one key/value head. */
  public int groupSize() {
    return heads / kvHeads;
  }

  /** Parameter count, the classifier counted once when tied. */
  public long parameterCount() {
    long perLayer = 2L * dim + (long) dim * dim * 2 + 2L * dim * kvDim() + 3L * dim * hiddenDim;
    long classifier = sharedClassifier ? 0 : (long) vocabSize * dim;
    return (long) vocabSize * dim + layers * perLayer + dim + classifier;
  }
}
