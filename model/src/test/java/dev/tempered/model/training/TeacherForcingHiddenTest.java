package dev.tempered.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.tempered.model.Logits;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hidden states a value head reads: the logits of the pass that returns them equal the plain
 * pass's, they are the classifier's input (hidden · Wᵀ = logits, tied embeddings), and the
 * teacher-forced slice picks the position before each completion token.
 */
class TeacherForcingHiddenTest {

  private static final LlamaConfig CONFIG =
      new LlamaConfig(32, 48, 2, 4, 2, 50, 16, true, 10_000.0, 1e-5);

  @Test
  void hiddenStatesAreTheClassifierInputAtThePredictingPositions() {
    try (LlamaModel model = LlamaModel.create(LlamaWeights.random(CONFIG, 3), Device.cpu());
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDManager manager = model.parameters().get("norm").getManager();
      // two rows: the shorter prompt is left-padded, the shorter completion right-padded
      TokenBatch batch =
          TokenBatch.of(
              manager,
              List.of(new int[] {1, 7, 12}, new int[] {1, 5}),
              List.of(new int[] {44, 3}, new int[] {9, 31, 2}));
      LlamaModel.HiddenAndLogits out =
          model.forwardWithHidden(batch.tokens(), batch.positions(), batch.keyValid(), null);
      NDArray plain = model.forward(batch.tokens(), batch.positions(), batch.keyValid(), null);
      assertThat(Logits.maxAbsDiff(out.logits().toFloatArray(), plain.toFloatArray())).isZero();
      NDArray recomputed =
          out.hidden().matMul(model.parameters().get("tok_embeddings").transpose());
      assertThat(Logits.maxAbsDiff(recomputed.toFloatArray(), plain.toFloatArray()))
          .isLessThan(1e-4f);

      TeacherForcing.WithHidden tf =
          TeacherForcing.completionLogprobsWithHidden(model, batch, 0.7f, true);
      TokenLogprobs reference = TeacherForcing.completionLogprobs(model, batch, 0.7f, true);
      assertThat(tf.tokens().logprobs().toFloatArray())
          .containsExactly(reference.logprobs().toFloatArray());
      assertThat(tf.tokens().entropy().toFloatArray())
          .containsExactly(reference.entropy().toFloatArray());
      // prompt width 3, completion width 3: completion token i is chosen at position 2 + i
      assertThat(tf.hidden().getShape().getShape()).containsExactly(2, 3, CONFIG.dim());
      assertThat(tf.hidden().get(new NDIndex("1, 0, :")).toFloatArray())
          .containsExactly(out.hidden().get(new NDIndex("1, 2, :")).toFloatArray());
      assertThat(tf.hidden().get(new NDIndex("0, 2, :")).toFloatArray())
          .containsExactly(out.hidden().get(new NDIndex("0, 4, :")).toFloatArray());
    }
  }
}
