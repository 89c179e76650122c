package dev.tempered.model.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole-batch native path against {@link TokenSampler}, the row-by-row reference whose
 * distributions {@link TokenSamplerTest} checks against hand-computed probabilities: from the same
 * seed both must draw the same tokens and report the same log-probs, done rows drawing nothing.
 */
class BatchSamplerTest {

  private static final int ROWS = 64;
  private static final int VOCAB = 512;
  private static final int STEPS = 8;

  @Test
  void nativeSamplingDrawsWhatTheRowSamplerDraws() {
    assertSameAsRowSampler(GenerationOptions.sampling(0.8f, 1, Set.of(), 42L));
    assertSameAsRowSampler(GenerationOptions.sampling(1f, 1, Set.of(), 7L));
  }

  @Test
  void nativeGreedyPicksTheArgmaxWithItsLogprob() {
    assertSameAsRowSampler(GenerationOptions.greedy(1, Set.of()));
  }

  @Test
  void truncatedSamplingGoesThroughTheRowSampler() {
    assertSameAsRowSampler(new GenerationOptions(1f, 40, 0.9f, 1, Set.of(), 3L));
  }

  private static void assertSameAsRowSampler(GenerationOptions options) {
    Random random = new Random(11);
    BatchSampler batch = new BatchSampler(options, VOCAB);
    TokenSampler reference = new TokenSampler(options);
    boolean[] done = new boolean[ROWS];
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int step = 0; step < STEPS; step++) {
        float[] logits = new float[ROWS * VOCAB];
        for (int i = 0; i < logits.length; i++) {
          logits[i] = (float) (random.nextGaussian() * 3);
        }
        // From the third step on, every fifth row has finished and must not consume a draw.
        for (int b = 0; b < ROWS; b++) {
          done[b] = step >= 2 && b % 5 == 0;
        }
        NDArray array = manager.create(logits, new Shape(ROWS, VOCAB));
        long[] picks = batch.pick(array, done);
        for (int b = 0; b < ROWS; b++) {
          if (done[b]) {
            assertThat(picks[b]).isZero();
            continue;
          }
          long expected = reference.next(logits, b * VOCAB, VOCAB);
          assertThat(token(picks[b])).as("step %d row %d", step, b).isEqualTo(token(expected));
          assertThat(logprob(picks[b]))
              .as("step %d row %d", step, b)
              .isCloseTo(logprob(expected), within(1e-5f));
        }
      }
    }
  }

  private static int token(long packed) {
    return (int) (packed >>> 32);
  }

  private static float logprob(long packed) {
    return Float.intBitsToFloat((int) packed);
  }
}
