package dev.tempered.model.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.llama.FusedWeights;
import dev.tempered.model.llama.KvCache;
import dev.tempered.model.llama.LlamaModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched incremental generation: prompts of different lengths are left-padded, each real token
 * gets its true rotary position, padding is masked out of attention, and every step feeds only the
 * new tokens through the KV cache.
 */
public final class Generator {

  private static final int PAD = 0;

  private Generator() {}

  /** Generates one completion per prompt (repeat a prompt to get several candidates for it). */
  public static List<GeneratedSequence> generate(
      LlamaModel model, List<int[]> prompts, GenerationOptions options) {
    int batch = prompts.size();
    if (batch == 0) {
      return List.of();
    }
    int promptLen = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    if (prompts.stream().anyMatch(p -> p.length == 0)) {
      throw new IllegalArgumentException("every prompt needs at least one token (BOS)");
    }
    int total = promptLen + options.maxNewTokens();
    if (total > model.config().seqLen()) {
      throw new IllegalArgumentException(
          "prompt of "
              + promptLen
              + " tokens plus "
              + options.maxNewTokens()
              + " new tokens exceeds the model's context of "
              + model.config().seqLen());
    }
    BatchSampler sampler = new BatchSampler(options, model.config().vocabSize());
    int[][] out = new int[batch][options.maxNewTokens()];
    float[][] logprobs = new float[batch][options.maxNewTokens()];
    int[] produced = new int[batch];
    boolean[] done = new boolean[batch];
    float[] keyValid = new float[batch * total];
    long[] firstTokens = new long[batch * promptLen];
    long[] firstPositions = new long[batch * promptLen];
    for (int b = 0; b < batch; b++) {
      int pad = promptLen - prompts.get(b).length;
      for (int j = 0; j < promptLen; j++) {
        boolean real = j >= pad;
        firstTokens[b * promptLen + j] = real ? prompts.get(b)[j - pad] : PAD;
        firstPositions[b * promptLen + j] = real ? j - pad : 0;
        keyValid[b * total + j] = real ? 1f : 0f;
      }
    }
    NDManager manager = model.parameters().values().iterator().next().getManager();
    try (KvCache cache = new KvCache(model.config().layers(), total);
        FusedWeights fused = model.fuse()) {
      long[] stepTokens = firstTokens;
      long[] stepPositions = firstPositions;
      int seen = promptLen;
      for (int step = 0; step < options.maxNewTokens(); step++) {
        int width = step == 0 ? promptLen : 1;
        long[] picks =
            step(
                model,
                manager,
                cache,
                fused,
                stepTokens,
                stepPositions,
                keyValid,
                batch,
                width,
                seen,
                total,
                sampler,
                done);
        long[] nextTokens = new long[batch];
        long[] nextPositions = new long[batch];
        boolean allDone = true;
        for (int b = 0; b < batch; b++) {
          nextPositions[b] = prompts.get(b).length + step;
          keyValid[b * total + seen] = 1f;
          if (done[b]) {
            continue;
          }
          long packed = picks[b];
          int token = (int) (packed >>> 32);
          out[b][produced[b]] = token;
          logprobs[b][produced[b]] = Float.intBitsToFloat((int) packed);
          produced[b]++;
          nextTokens[b] = token;
          done[b] = options.stopIds().contains(token);
          allDone &= done[b];
        }
        if (allDone) {
          break;
        }
        stepTokens = nextTokens;
        stepPositions = nextPositions;
        seen++;
      }
    }
    List<GeneratedSequence> result = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      result.add(
          new GeneratedSequence(
              Arrays.copyOf(out[b], produced[b]),
              Arrays.copyOf(logprobs[b], produced[b]),
              done[b]));
    }
    return result;
  }

  /** One forward pass over the new tokens, then the next token of each row (0 for done rows). */
  private static long[] step(
      LlamaModel model,
      NDManager manager,
      KvCache cache,
      FusedWeights fused,
      long[] tokens,
      long[] positions,
      float[] keyValid,
      int batch,
      int width,
      int seen,
      int total,
      BatchSampler sampler,
      boolean[] done) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray tok = manager.create(tokens, new Shape(batch, width));
      NDArray pos = manager.create(positions, new Shape(batch, width));
      float[] valid = new float[batch * seen];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(keyValid, b * total, valid, b * seen, seen);
      }
      NDArray keys = manager.create(valid, new Shape(batch, seen));
      return sampler.pick(model.lastLogits(tok, pos, keys, cache, fused), done);
    }
  }
}
