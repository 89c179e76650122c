package dev.tempered.reward.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.RewardModelRef;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.reward.HfRewardModelFormat;
import dev.tempered.model.reward.RewardBatch;
import dev.tempered.model.reward.RewardModel;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.RewardModelWeights;
import dev.tempered.model.reward.RewardSequences;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.reward.scoring.RewardComponents;
import dev.tempered.reward.scoring.RewardScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-based components on the real stories260K: fluency prefers a real TinyStories sentence
 * to the same words shuffled and equals the model module's teacher-forced log-probs; the
 * reward-model component loads a saved version by (job, version) or the newest, and scores what the
 * reward model itself computes for each row alone.
 */
class ModelRewardsTest {

  /** From data/tinystories/tinystories_val.txt (the Roxy story, sentences 1 and 2–3). */
  private static final String PROMPT =
      "Once upon a time, in a big forest, there lived a rhinoceros named Roxy.";

  private static final String REAL = " Roxy loved to climb. She climbed trees, rocks, and hills.";
  private static final String SHUFFLED =
      " hills. climbed Roxy and to trees, loved She rocks, climb.";

  private static final RewardSequences LAYOUT = new RewardSequences(48, 32);

  @TempDir Path checkpoints;

  private Path shared;
  private ModelFiles files;
  private JobModels models;

  @BeforeEach
  void open() throws Exception {
    assumeTrue(
        SharedResources.find().isPresent(), "../shared not found: model-based rewards skipped");
    shared = SharedResources.require();
    files = ModelFiles.locate(shared.resolve("models"), "stories260K");
    models = new JobModels(() -> shared.resolve("models"), checkpoints, Device.cpu());
  }

  @AfterEach
  void close() throws Exception {
    if (models != null) {
      models.close();
    }
  }

  @Test
  void fluencyPrefersTheRealSentenceAndIsTheTeacherForcedMeanLogprob() throws Exception {
    assertThat(Files.readString(shared.resolve("data/tinystories/tinystories_val.txt")))
        .contains(PROMPT + REAL);
    FluencyComponent fluency = models.fluency("stories260K");
    double[] means = fluency.meanLogprobs(PROMPT, List.of(REAL, SHUFFLED, ""));
    double[] scores = fluency.scoreGroup(PROMPT, List.of(REAL, SHUFFLED, ""), "unused");
    System.out.printf(
        "fluency stories260K: real %.4f nats/token (%.4f), shuffled %.4f (%.4f)%n",
        means[0], scores[0], means[1], scores[1]);
    assertThat(means[0]).isGreaterThan(means[1]).isLessThan(0.0);
    assertThat(scores[0]).isEqualTo(Math.exp(means[0]));
    assertThat(scores[1]).isEqualTo(Math.exp(means[1])).isGreaterThan(0.0);
    assertThat(scores[2]).isZero();
    // the same candidate scored alone (no other rows in the batch) gives the same value
    assertThat(fluency.meanLogprobs(PROMPT, List.of(SHUFFLED))[0])
        .isCloseTo(means[1], within(1e-5));

    LlamaWeights weights = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(weights.config().vocabSize());
    int[] prompt = tok.encode(PROMPT, true, false);
    for (int row = 0; row < 2; row++) {
      int[] completion = tok.encode((row == 0 ? REAL : SHUFFLED).substring(1), false, false);
      try (LlamaModel model = LlamaModel.create(weights, Device.cpu());
          NDManager m = NDManager.newBaseManager()) {
        TokenBatch batch = TokenBatch.of(m, List.of(prompt), List.of(completion));
        float[] lp =
            TeacherForcing.completionLogprobs(model, batch, 1f, false).logprobs().toFloatArray();
        double sum = 0;
        for (float v : lp) {
          sum += v;
        }
        assertThat(means[row]).isCloseTo(sum / completion.length, within(1e-5));
      }
    }
  }

  @Test
  void rewardModelComponentScoresWhatTheRewardModelComputesForEachRow() throws Exception {
    LlamaWeights base = files.readWeights();
    RewardModelWeights v1 = RewardModelWeights.initial(base, 1);
    RewardModelWeights v2 = RewardModelWeights.initial(base, 2);
    HfRewardModelFormat.write(
        v1, LAYOUT, files.tokenizer(), RewardModelCheckpoints.directory(checkpoints, "rm-job", 1));
    HfRewardModelFormat.write(
        v2, LAYOUT, files.tokenizer(), RewardModelCheckpoints.directory(checkpoints, "rm-job", 2));
    Files.createDirectories(checkpoints.resolve("rm-job").resolve("reward-v9.tmp123"));
    List<String> candidates = List.of(REAL, SHUFFLED, " The end.");

    double[] newest =
        models.rewardModel(new RewardModelRef("rm-job", null)).scoreGroup(PROMPT, candidates, "");
    double[] first =
        models.rewardModel(new RewardModelRef("rm-job", 1L)).scoreGroup(PROMPT, candidates, "");
    assertThat(models.rewardModel(new RewardModelRef("rm-job", 2L)))
        .isSameAs(models.rewardModel(new RewardModelRef("rm-job", null)));

    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    for (int v = 1; v <= 2; v++) {
      double[] scored = v == 1 ? first : newest;
      try (RewardModel model = RewardModel.create(v == 1 ? v1 : v2, Device.cpu());
          NDManager m = NDManager.newBaseManager()) {
        for (int i = 0; i < candidates.size(); i++) {
          int[] row = LAYOUT.encode(tok, PROMPT, candidates.get(i));
          float alone = model.rewards(RewardBatch.of(m, List.of(row))).getFloat(0);
          assertThat(scored[i]).isCloseTo(alone, within(1e-5));
        }
      }
    }
    assertThat(newest[0]).isNotEqualTo(first[0]);

    // in a scorer, as a job weights it: S = 0.5 · reward + 1 · chrF
    RewardScorer scorer =
        new RewardScorer(
            Map.of("reward-model", 0.5, "chrf", 1.0),
            RewardComponents.standard()
                .withModel("reward-model", models.rewardModel(new RewardModelRef("rm-job", 2L))));
    var scores = scorer.scoreAll(PROMPT, candidates, "The end.", null);
    assertThat(scores.get(1).components()).containsEntry("reward-model", newest[1]);
    assertThat(scores.get(1).total())
        .isCloseTo(0.5 * newest[1] + scores.get(1).components().get("chrf"), within(1e-12));
  }

  @Test
  void aMissingVersionOrModelIsAClearError() {
    assertThatThrownBy(() -> models.rewardModel(new RewardModelRef("rm-job", 3L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reward model version 3 of job rm-job not found")
        .hasMessageContaining(checkpoints.resolve("rm-job").resolve("reward-v3").toString());
    assertThatThrownBy(() -> models.rewardModel(new RewardModelRef("rm-job", null)))
        .hasMessageContaining("has no saved reward model yet")
        .hasMessageContaining("tempered.reward.checkpoints-dir");
    assertThatThrownBy(() -> models.fluency("no-such-model"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-model");
  }
}
