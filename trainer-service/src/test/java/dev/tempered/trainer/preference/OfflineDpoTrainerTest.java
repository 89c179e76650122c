package dev.tempered.trainer.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.trainer.algorithm.dpo.DpoLoss;
import dev.tempered.trainer.algorithm.dpo.DpoLossType;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Offline DPO on real chat-format preference pairs (Orca DPO) improves its own objective on
 * stories260K: loss, margin and accuracy on the training pairs, and margin and accuracy on held-out
 * pairs (the preferred answers differ in style, which even a tiny model picks up).
 */
class OfflineDpoTrainerTest {

  @Test
  void dpoRaisesMarginAndAccuracy() throws Exception {
    assumeTrue(SharedResources.find().isPresent(), "../shared not found: offline DPO test skipped");
    Path shared = SharedResources.require();
    ModelFiles files = ModelFiles.locate(shared.resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    List<PreferencePair> all =
        PreferenceFiles.read(shared.resolve("data/preferences/orca_dpo_validation.jsonl"));
    List<PreferencePair> train = all.subList(0, 64);
    List<PreferencePair> heldOut = all.subList(200, 232);
    OfflineDpoTrainer.Settings settings =
        new OfflineDpoTrainer.Settings(
            DpoSettings.of(DpoLossType.SIGMOID, 0.1, 0), 32, 24, 5e-4, 0.0, 1.0);
    try (OfflineDpoTrainer trainer = new OfflineDpoTrainer(base, tok, Device.cpu(), settings)) {
      long started = System.nanoTime();
      DpoLoss.DpoMetrics trainBefore = trainer.measure(train);
      DpoLoss.DpoMetrics heldBefore = trainer.measure(heldOut);
      for (int step = 0; step < 16; step++) {
        int from = (step * 8) % train.size();
        trainer.train(train.subList(from, from + 8));
      }
      DpoLoss.DpoMetrics trainAfter = trainer.measure(train);
      DpoLoss.DpoMetrics heldAfter = trainer.measure(heldOut);
      System.out.printf("offline DPO took %.1f s%n", (System.nanoTime() - started) / 1e9);
      System.out.printf(
          "offline DPO stories260K: train margin %.4f -> %.4f acc %.3f -> %.3f loss %.4f -> %.4f;"
              + " held-out margin %.4f -> %.4f acc %.3f -> %.3f%n",
          trainBefore.margin(),
          trainAfter.margin(),
          trainBefore.accuracy(),
          trainAfter.accuracy(),
          trainBefore.loss(),
          trainAfter.loss(),
          heldBefore.margin(),
          heldAfter.margin(),
          heldBefore.accuracy(),
          heldAfter.accuracy());
      // before any update the policy is the reference: every margin is exactly 0, a tie
      assertThat(trainBefore.margin()).isZero();
      assertThat(trainBefore.accuracy()).isZero();
      assertThat(trainBefore.loss()).isEqualTo(Math.log(2), within(1e-6));
      assertThat(trainAfter.loss()).isLessThan(trainBefore.loss());
      assertThat(trainAfter.margin()).isGreaterThan(0.0);
      assertThat(trainAfter.accuracy()).isGreaterThan(0.5);
      assertThat(heldBefore.margin()).isZero();
      assertThat(heldAfter.margin()).isGreaterThan(0.0);
      assertThat(heldAfter.accuracy()).isGreaterThan(0.5);
    }
  }
}
