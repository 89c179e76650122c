package dev.tempered.trainer.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.TextRewardModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.trainer.training.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Bradley–Terry reward model on the stories260K trunk learns real chat-format preference pairs
 * (Orca DPO): held-out accuracy and margin rise from the fresh head's, and the saved directory,
 * loaded as the reward service loads it, gives the learner's rewards.
 */
class RewardModelLearnerTest {

  private static final RewardModelLearner.Settings SETTINGS =
      new RewardModelLearner.Settings(24, 16, 1e-3, 0.0, 1.0, 0.0, 7);

  @TempDir Path checkpoints;

  @Test
  void learnsHeldOutPreferencesAndSavesWhatTheRewardServiceLoads() throws Exception {
    assumeTrue(
        SharedResources.find().isPresent(), "../shared not found: reward model test skipped");
    Path shared = SharedResources.require();
    ModelFiles files = ModelFiles.locate(shared.resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    List<PreferencePair> all =
        PreferenceFiles.read(shared.resolve("data/preferences/orca_dpo_validation.jsonl"));
    List<PreferencePair> train = all.subList(0, 96);
    List<PreferencePair> heldOut = all.subList(200, 248);
    try (RewardModelLearner learner =
        new RewardModelLearner(base, tok, files.tokenizer(), Device.cpu(), SETTINGS)) {
      long started = System.nanoTime();
      PairLearner.PairEvaluation before = learner.evaluate(heldOut);
      PairLearner.PairStep first = null;
      PairLearner.PairStep last = null;
      for (int step = 0; step < 24; step++) {
        int from = (step * 8) % train.size();
        last = learner.train(train.subList(from, from + 8));
        first = first == null ? last : first;
        assertThat(last.applied()).isTrue();
      }
      PairLearner.PairEvaluation after = learner.evaluate(heldOut);
      System.out.printf(
          "reward model stories260K, 24 steps x 8 pairs in %.1f s: held-out (%d pairs) accuracy"
              + " %.4f -> %.4f, margin %.4f -> %.4f; train loss %.4f (step 0) -> %.4f (step 23)%n",
          (System.nanoTime() - started) / 1e9,
          after.pairs(),
          before.accuracy(),
          after.accuracy(),
          before.margin(),
          after.margin(),
          first.loss(),
          last.loss());
      assertThat(after.pairs()).isEqualTo(48);
      assertThat(after.accuracy()).isGreaterThan(before.accuracy()).isGreaterThan(0.5);
      assertThat(after.margin()).isGreaterThan(before.margin()).isGreaterThan(0.0);
      assertThat(last.loss()).isLessThan(first.loss());
      assertThat(first.extra()).containsKeys("rewards/chosen", "rewards/rejected");
      // completion tokens only: at least EOS, at most 16 per completion, two per pair
      assertThat(first.tokens()).isBetween(16L, 8L * 2 * 16);

      CheckpointStore store = new CheckpointStore(checkpoints);
      CheckpointStore.StoredCheckpoint saved = learner.save(store, "rm-job", 3);
      assertThat(saved.file())
          .isEqualTo(RewardModelCheckpoints.directory(checkpoints, "rm-job", 3));
      assertThat(saved.file().resolve(HfLlamaFormat.WEIGHTS)).isRegularFile();
      assertThat(saved.sha256()).hasSize(64);
      assertThat(RewardModelCheckpoints.newest(checkpoints, "rm-job")).hasValue(3);
      try (var left = Files.list(saved.file().getParent())) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactly("reward-v3");
      }
      List<String> prompts = heldOut.stream().limit(12).map(PreferencePair::prompt).toList();
      List<String> chosen = heldOut.stream().limit(12).map(PreferencePair::chosen).toList();
      float[] expected = learner.rewards(prompts, chosen);
      try (TextRewardModel loaded = TextRewardModel.load(saved.file(), Device.cpu())) {
        float[] back = loaded.rewards(prompts, chosen);
        for (int i = 0; i < back.length; i++) {
          assertThat(back[i]).isCloseTo(expected[i], within(1e-5f));
        }
      }
    }
  }
}
