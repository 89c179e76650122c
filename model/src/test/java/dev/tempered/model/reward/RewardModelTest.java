package dev.tempered.model.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tempered.model.Stories260K;
import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.io.SafeTensors;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reward head reads the final hidden state of the last real token (checked against the trunk's
 * hidden states of each unpadded sequence), padding does not change a row's reward, and the Hugging
 * Face directory round trip gives the same rewards.
 */
class RewardModelTest {

  private static final List<String> PROMPTS =
      List.of("Once upon a time, there was a little girl.", "Tom had a red ball.", "");
  private static final List<String> COMPLETIONS =
      List.of(" She liked to play in the park.", " He threw it to his dog.", "The sun was hot.");

  @TempDir Path dir;

  @Test
  void rewardIsTheHeadOnTheLastTokenHiddenStateAndPaddingChangesNothing() {
    RewardModelWeights weights = RewardModelWeights.initial(Stories260K.weights(), 5);
    Llama2cTokenizer tok = Stories260K.tokenizer();
    RewardSequences layout = new RewardSequences(32, 24);
    List<int[]> rows =
        List.of(
            layout.encode(tok, PROMPTS.get(0), COMPLETIONS.get(0)),
            layout.encode(tok, PROMPTS.get(1), COMPLETIONS.get(1)),
            layout.encode(tok, PROMPTS.get(2), COMPLETIONS.get(2)));
    assertThat(rows.get(0).length).isNotEqualTo(rows.get(1).length);
    try (RewardModel model = RewardModel.create(weights, Device.cpu());
        LlamaModel trunk = LlamaModel.create(weights.trunk(), Device.cpu());
        NDManager m = NDManager.newBaseManager()) {
      float[] batched = model.rewards(RewardBatch.of(m, rows)).toFloatArray();
      for (int b = 0; b < rows.size(); b++) {
        int[] seq = rows.get(b);
        RewardBatch single = RewardBatch.of(m, List.of(seq));
        float[] hidden =
            trunk
                .hiddenStates(single.tokens(), single.positions(), single.keyValid())
                .get("0, {}, :", seq.length - 1)
                .toFloatArray();
        double expected = 0;
        for (int i = 0; i < hidden.length; i++) {
          expected += hidden[i] * weights.score()[i];
        }
        assertThat(batched[b]).isCloseTo((float) expected, within(1e-5f));
      }
      // EOS closes a completion that fits; BOS opens every row.
      assertThat(rows.get(0)[0]).isEqualTo(Llama2cTokenizer.BOS);
      assertThat(rows.get(0)[rows.get(0).length - 1]).isEqualTo(Llama2cTokenizer.EOS);
    }
  }

  @Test
  void hiddenStatesTimesTheEmbeddingAreTheLogits() {
    try (LlamaModel model = Stories260K.model();
        NDManager m = NDManager.newBaseManager()) {
      RewardBatch batch = RewardBatch.of(m, List.of(new int[] {1, 403, 407, 261, 378}));
      NDArray hidden = model.hiddenStates(batch.tokens(), batch.positions(), batch.keyValid());
      NDArray logits = model.forward(batch.tokens(), batch.positions(), batch.keyValid(), null);
      NDArray viaHidden = hidden.matMul(model.parameters().get("tok_embeddings").transpose());
      assertThat(hidden.getShape()).isEqualTo(new Shape(1, 5, 64));
      assertThat(viaHidden.sub(logits).abs().max().getFloat()).isLessThan(1e-5f);
    }
  }

  @Test
  void savedDirectoryIsAnHfSequenceClassifierAndScoresTheSame() throws IOException {
    RewardModelWeights weights = RewardModelWeights.initial(Stories260K.weights(), 9);
    RewardSequences layout = new RewardSequences(48, 32);
    Path tokenizer =
        ModelFiles.locate(Stories260K.sharedRoot().resolve("models"), "stories260K").tokenizer();
    HfRewardModelFormat.write(weights, layout, tokenizer, dir);

    JsonNode config =
        JsonMapper.builder().build().readTree(Files.readString(dir.resolve("config.json")));
    assertThat(config.path("architectures").get(0).asString())
        .isEqualTo("LlamaForSequenceClassification");
    assertThat(config.path("id2label").size()).isEqualTo(1);
    assertThat(config.path("pad_token_id").asInt()).isZero();
    assertThat(config.path("tie_word_embeddings").asBoolean()).isTrue();
    Map<String, SafeTensors.Tensor> hf = SafeTensors.read(dir.resolve(HfLlamaFormat.WEIGHTS));
    assertThat(hf.get("score.weight").shape()).containsExactly(1, 64);
    assertThat(hf).containsKey("model.embed_tokens.weight").doesNotContainKey("lm_head.weight");
    assertThat(hf.get("score.weight").values()).containsExactly(weights.score());

    Llama2cTokenizer tok = Stories260K.tokenizer();
    float[] direct;
    try (RewardModel model = RewardModel.create(weights, Device.cpu())) {
      direct = new TextRewardModel(model, tok, layout).rewards(PROMPTS, COMPLETIONS);
    }
    try (TextRewardModel loaded = TextRewardModel.load(dir, Device.cpu())) {
      assertThat(loaded.sequences()).isEqualTo(layout);
      float[] back = loaded.rewards(PROMPTS, COMPLETIONS);
      for (int i = 0; i < back.length; i++) {
        assertThat(back[i]).isCloseTo(direct[i], within(1e-6f));
      }
    }
  }

  @Test
  void aCausalLmDirectoryIsNotARewardModel() throws IOException {
    HfLlamaFormat.write(Stories260K.weights(), dir);
    assertThatThrownBy(() -> HfRewardModelFormat.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("LlamaForSequenceClassification");
    assertThatThrownBy(() -> HfRewardModelFormat.read(dir.resolve("absent")))
        .hasMessageContaining("config.json is missing");
  }
}
