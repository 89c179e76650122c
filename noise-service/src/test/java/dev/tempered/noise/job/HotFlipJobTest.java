package dev.tempered.noise.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoiseOp;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.noise.dataset.DataRoot;
import dev.tempered.noise.operator.Misspellings;
import dev.tempered.noise.operator.NoisyText;
import dev.tempered.noise.operator.OperatorCatalog;
import dev.tempered.noise.operator.Tokenizers;
import dev.tempered.noise.policy.CurrentPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job with {@code hotflip} attacks its base model, then, once the trainer announced a checkpoint,
 * that checkpoint: the same prompt is flipped differently by the other policy.
 */
class HotFlipJobTest {

  @TempDir Path dir;

  @Test
  void attacksTheBaseModelThenTheAnnouncedCheckpoint() throws Exception {
    var shared = SharedResources.find();
    assumeTrue(
        shared.isPresent() && Files.isDirectory(shared.get().resolve("models/stories260K")),
        "../shared/models/stories260K not found (set TEMPERED_SHARED_DIR): hotflip job skipped");
    Path models = shared.get().resolve("models");
    try (CurrentPolicies policies = new CurrentPolicies(() -> models)) {
      OperatorCatalog catalog =
          new OperatorCatalog(
              () -> Misspellings.of(Map.of()),
              () -> word -> List.of(),
              new Tokenizers(() -> models),
              policies);
      PromptFactory factory =
          new PromptFactoryBuilder(new DataRoot(shared.get().resolve("data")), catalog)
              .build(record());

      NoisyInput base = factory.train(0, 0);
      assertThat(policies.version("job-h")).isZero();
      assertThat(base.ops()).isNotEmpty().extracting(NoiseOp::kind).containsOnly("hotflip");
      assertThat(NoisyText.replay(base.cleanText(), base.ops())).isEqualTo(base.noisyText());
      assertThat(factory.train(0, 0))
          .usingRecursiveComparison()
          .ignoringFields("envelope")
          .isEqualTo(base);

      // A checkpoint far from the base model: random weights of the same shape.
      LlamaWeights weights = ModelFiles.locate(models, "stories260K").readWeights();
      Path v1 = dir.resolve("v1.bin");
      Llama2cFormat.write(LlamaWeights.random(weights.config(), 5), v1);
      policies.onCheckpoint(
          new CheckpointEvent(
              Envelope.create(),
              "job-h",
              1,
              1,
              v1.toUri().toString(),
              CheckpointReader.sha256(v1),
              Files.size(v1),
              0,
              0,
              false));

      NoisyInput moved = factory.train(0, 0);
      assertThat(policies.version("job-h")).isEqualTo(1);
      assertThat(moved.cleanText()).isEqualTo(base.cleanText());
      assertThat(moved.ops()).hasSameSizeAs(base.ops()).isNotEqualTo(base.ops());
      assertThat(NoisyText.replay(moved.cleanText(), moved.ops())).isEqualTo(moved.noisyText());
    }
  }

  private static JobRecord record() {
    JobSpec spec =
        new JobSpec(
            "hotflip job",
            "stories260K",
            "grpo",
            3,
            new DatasetSpec("tinystories/tinystories_val.txt", 2, 4, "text", null, null),
            new NoiseSpec(
                List.of(new NoiseOperatorSpec("hotflip", 1.0, "adversarial")),
                new CurriculumSpec("constant", 0.3, 0.3),
                null),
            new SamplingSpec(4, 1.0, 32),
            new RewardSpec(Map.of("chrf", 1.0)),
            new TrainingSpec(10, 4, 1e-3, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 2));
    Instant now = Instant.now();
    return new JobRecord(
        Envelope.create(),
        "job-h",
        spec,
        JobState.RUNNING,
        0,
        null,
        null,
        null,
        null,
        null,
        now,
        now);
  }
}
