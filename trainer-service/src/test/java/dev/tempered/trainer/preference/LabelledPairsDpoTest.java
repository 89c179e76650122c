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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second half of the labelling round trip: {@code examples/labelled-pairs.jsonl} is exactly
 * what the gateway's export returns for the labels of its {@code LabellingKafkaTest} (that test
 * compares the two byte for byte). Placed under a data root it reads back to exactly the labelled
 * pairs, the human's choice as {@code chosen}, and offline DPO steps on them move each pair's
 * margin towards the human's choice.
 */
class LabelledPairsDpoTest {

  private static final Path EXPORT = Path.of("..", "examples", "labelled-pairs.jsonl");

  @Test
  void theGatewaysExportReadsBackAsTheLabelledPairsAndDpoLearnsThem(@TempDir Path dataRoot)
      throws Exception {
    Path file = dataRoot.resolve("labelled/pairs.jsonl");
    Files.createDirectories(file.getParent());
    Files.copy(EXPORT, file);

    List<PreferencePair> pairs = PreferenceFiles.read(file);

    // Lily: the labeller agreed with the reward's T_k; Tom: the labeller preferred the answer the
    // reward had scored lowest, so chosen is the group's worst candidate.
    assertThat(pairs)
        .containsExactly(
            new PreferencePair(
                "Once upon a time, there was a litle girl named Lily.",
                " She loved to play in the park with her friends.",
                " park park the the."),
            new PreferencePair(
                "Tom had a big red bal.",
                " He liked to throw it high in the sky.",
                " It was very happy."));

    assumeTrue(
        SharedResources.find().isPresent(), "../shared not found: DPO on labelled pairs skipped");
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    OfflineDpoTrainer.Settings settings =
        new OfflineDpoTrainer.Settings(
            DpoSettings.of(DpoLossType.SIGMOID, 0.1, 0), 32, 24, 5e-4, 0.0, 1.0);
    try (OfflineDpoTrainer trainer = new OfflineDpoTrainer(base, tok, Device.cpu(), settings)) {
      DpoLoss.DpoMetrics before = trainer.measure(pairs);
      for (int step = 0; step < 8; step++) {
        trainer.train(pairs);
      }
      DpoLoss.DpoMetrics after = trainer.measure(pairs);
      DpoLoss.DpoMetrics lily = trainer.measure(pairs.subList(0, 1));
      DpoLoss.DpoMetrics tom = trainer.measure(pairs.subList(1, 2));
      System.out.printf(
          "DPO on 2 labelled pairs: margin %.4f -> %.4f, loss %.4f -> %.4f;"
              + " per pair margin %.4f, %.4f%n",
          before.margin(),
          after.margin(),
          before.loss(),
          after.loss(),
          lily.margin(),
          tom.margin());
      // Before any update the policy is the reference: margin 0, loss -log sigmoid(0) = ln 2.
      assertThat(before.margin()).isZero();
      assertThat(before.loss()).isEqualTo(Math.log(2), within(1e-6));
      assertThat(after.loss()).isLessThan(before.loss());
      assertThat(lily.margin()).isGreaterThan(0.0);
      assertThat(tom.margin()).isGreaterThan(0.0);
      assertThat(after.accuracy()).isEqualTo(1.0);
    }
  }
}
