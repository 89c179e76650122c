package dev.tempered.model.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.Scalars;

/**
 * Picks the next token of every row of a batch. Greedy decoding and untruncated temperature
 * sampling run on the native side in a few whole-batch operators, so only the chosen ids and their
 * log-probs come back to the host; top-k and top-p copy the logits back and go through {@link
 * TokenSampler} row by row. Both paths draw one uniform per live row, in row order, from the same
 * seeded stream, and pick the token where that uniform falls in the cumulative distribution.
 */
final class BatchSampler {

  private final GenerationOptions options;
  private final TokenSampler rows;
  private final int vocab;

  BatchSampler(GenerationOptions options, int vocab) {
    this.options = options;
    this.rows = new TokenSampler(options);
    this.vocab = vocab;
  }

  /**
   * {token, logprob} of each row packed as {@link TokenSampler#next} packs them, from {@code
   * logits} [B, vocab]; rows marked {@code done} are skipped (0) and draw nothing.
   */
  long[] pick(NDArray logits, boolean[] done) {
    int batch = done.length;
    long[] packed = new long[batch];
    if (!options.greedy() && rows.truncates(vocab)) {
      float[] host = logits.toFloatArray();
      for (int b = 0; b < batch; b++) {
        packed[b] = done[b] ? 0 : rows.next(host, b * vocab, vocab);
      }
      return packed;
    }
    NDArray[] picked = options.greedy() ? greedy(logits) : sample(logits, done);
    long[] tokens = picked[0].toLongArray();
    float[] logprobs = picked[1].toFloatArray();
    for (int b = 0; b < batch; b++) {
      packed[b] = done[b] ? 0 : TokenSampler.pack((int) tokens[b], logprobs[b]);
    }
    return packed;
  }

  /**
   * The argmax (the first of equal maxima, as {@link TokenSampler} picks) and its logprob at T = 1.
   */
  private static NDArray[] greedy(NDArray logits) {
    NDArray token = logits.argMax(-1).expandDims(-1);
    return new NDArray[] {token, logits.logSoftmax(-1).gather(token, -1)};
  }

  /**
   * Inverse-CDF sampling of softmax(logits / T): the token is the number of cumulative
   * probabilities at or below u · total, i.e. the first index whose cumulative sum exceeds it.
   */
  private NDArray[] sample(NDArray logits, boolean[] done) {
    NDManager m = logits.getManager();
    float[] u = new float[done.length];
    for (int b = 0; b < done.length; b++) {
      u[b] = done[b] ? 0f : (float) rows.uniform();
    }
    NDArray logSoftmax = logits.mul(Scalars.owned(m, 1.0 / options.temperature())).logSoftmax(-1);
    NDArray cdf = logSoftmax.exp().cumSum(1);
    NDArray threshold = cdf.get(":, -1:").mul(m.create(u, new Shape(done.length, 1)));
    NDArray token =
        cdf.lte(threshold)
            .toType(DataType.INT64, false)
            .sum(new int[] {1}, true)
            .minimum(vocab - 1);
    return new NDArray[] {token, logSoftmax.gather(token, -1)};
  }
}
