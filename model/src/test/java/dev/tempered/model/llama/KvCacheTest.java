package dev.tempered.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.Logits;
import org.junit.jupiter.api.Test;

/**
 * Feeding a sequence one token at a time through either kind of cache gives, at every position, the
 * logits of one full causal pass (a GQA config, so grouped attention reads the cache too).
 */
class KvCacheTest {

  private static final LlamaConfig CONFIG =
      new LlamaConfig(32, 48, 2, 4, 2, 50, 16, true, 10_000.0, 1e-5);
  private static final int[] TOKENS = {1, 7, 12, 44, 3, 9, 31, 2};

  @Test
  void incrementalPassesThroughEitherCacheMatchTheFullPass() {
    try (LlamaModel model = LlamaModel.create(LlamaWeights.random(CONFIG, 3), Device.cpu())) {
      float[] full = Logits.of(model, TOKENS);
      for (KvCache cache : new KvCache[] {new KvCache(2, TOKENS.length), new KvCache(2)}) {
        try (cache) {
          for (int i = 0; i < TOKENS.length; i++) {
            float[] step = step(model, cache, i);
            float[] expected = new float[CONFIG.vocabSize()];
            System.arraycopy(full, i * expected.length, expected, 0, expected.length);
            assertThat(Logits.maxAbsDiff(step, expected)).as("position %d", i).isLessThan(1e-5);
          }
          assertThat(cache.length()).isEqualTo(TOKENS.length);
        }
      }
    }
  }

  @Test
  void aFullCacheRefusesAnotherPosition() {
    try (LlamaModel model = LlamaModel.create(LlamaWeights.random(CONFIG, 3), Device.cpu());
        KvCache cache = new KvCache(2, 1)) {
      step(model, cache, 0);
      assertThatThrownBy(() -> step(model, cache, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("KV cache of 1 positions cannot take position 1");
    }
  }

  private static float[] step(LlamaModel model, KvCache cache, int position) {
    NDManager manager = model.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray token = manager.create(new long[] {TOKENS[position]}, new Shape(1, 1));
      NDArray pos = manager.create(new long[] {position}, new Shape(1, 1));
      NDArray valid = manager.ones(new Shape(1, position + 1));
      NDArray logits = model.forward(token, pos, valid, cache);
      return logits.get(new NDIndex("0, 0, :")).toFloatArray();
    }
  }
}
