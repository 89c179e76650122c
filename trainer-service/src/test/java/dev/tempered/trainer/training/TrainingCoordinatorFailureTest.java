package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
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
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator gives a job up with a failure rollout when its model cannot be loaded and when
 * its steps are non-finite too many times in a row, and trains on after fewer.
 */
class TrainingCoordinatorFailureTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path checkpoints;

  private final List<Rollout> rollouts = new CopyOnWriteArrayList<>();
  private final TrainerPublisher publisher =
      new TrainerPublisher() {
        @Override
        public void rollout(Rollout rollout) {
          rollouts.add(rollout);
        }

        @Override
        public void checkpoint(CheckpointEvent checkpoint) {}
      };

  @Test
  void aModelThatCannotBeLoadedFailsTheJob() {
    Function<String, LlamaWeights> models =
        name -> {
          throw new UncheckedIOException(
              "cannot load base model " + name + " from /models",
              new IOException("/models/" + name + ": no such directory"));
        };
    try (TrainingCoordinator coordinator = coordinator(models, 3)) {
      coordinator.onJob(running("no-such-model"));
      await().atMost(WAIT).until(() -> !rollouts.isEmpty());
    }
    assertThat(rollouts).hasSize(1);
    Rollout failed = rollouts.get(0);
    assertThat(failed.jobId()).isEqualTo("job");
    assertThat(failed.failure())
        .isEqualTo(
            "cannot load model 'no-such-model': cannot load base model no-such-model from"
                + " /models: /models/no-such-model: no such directory");
    assertThat(failed.step()).isZero();
    assertThat(failed.metrics()).isNull();
  }

  /** NaN weights make every loss NaN: each step is skipped, the third in a row gives up. */
  @Test
  void nonFiniteStepsInARowFailTheJob() {
    LlamaWeights nan = nanWeights(TinyPolicy.weights(7));
    try (TrainingCoordinator coordinator = coordinator(name -> nan, 3);
        LlamaModel behaviour = TinyPolicy.model(7)) {
      coordinator.onJob(running("tiny"));
      for (int g = 0; g < 4; g++) {
        coordinator.onScoredGroup(group(behaviour));
      }
      await().atMost(WAIT).until(() -> rollouts.size() >= 4);
      // the fourth group finds the job given up: nothing more is published
      await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> rollouts.size() == 4);
    }
    assertThat(rollouts.subList(0, 3))
        .allSatisfy(
            r -> {
              assertThat(r.metrics()).as("consumption only").isNull();
              assertThat(r.failure()).isNull();
              assertThat(r.step()).isZero();
            });
    assertThat(rollouts.subList(0, 3))
        .extracting(Rollout::groupsConsumed)
        .containsExactly(1L, 2L, 3L);
    Rollout failed = rollouts.get(3);
    assertThat(failed.failure())
        .isEqualTo("3 non-finite steps in a row (last: loss NaN, gradient norm NaN)");
    assertThat(failed.groupsConsumed()).isEqualTo(3);
  }

  /**
   * A rollout the broker does not acknowledge is the broker's fault, not the job's: the job is not
   * given up and the next step's rollout carries the consumption of both steps.
   */
  @Test
  void anUnacknowledgedRolloutDoesNotFailTheJob() {
    List<Rollout> published = new CopyOnWriteArrayList<>();
    TrainerPublisher flaky =
        new TrainerPublisher() {
          private boolean refused;

          @Override
          public void rollout(Rollout rollout) {
            if (!refused) {
              refused = true;
              throw new PublishFailure("rollout", new IllegalStateException("broker away"));
            }
            published.add(rollout);
          }

          @Override
          public void checkpoint(CheckpointEvent checkpoint) {}
        };
    try (TrainingCoordinator coordinator =
            new TrainingCoordinator(
                name -> TinyPolicy.weights(7),
                new CheckpointStore(checkpoints),
                flaky,
                Device.cpu(),
                3);
        LlamaModel behaviour = TinyPolicy.model(7)) {
      coordinator.onJob(running("tiny"));
      coordinator.onScoredGroup(group(behaviour));
      coordinator.onScoredGroup(group(behaviour));
      await().atMost(WAIT).until(() -> !published.isEmpty());
    }
    Rollout second = published.get(0);
    assertThat(second.failure()).isNull();
    assertThat(second.step()).isEqualTo(2);
    assertThat(second.groupsConsumed()).isEqualTo(2);
  }

  private TrainingCoordinator coordinator(Function<String, LlamaWeights> models, int limit) {
    return new TrainingCoordinator(
        models, new CheckpointStore(checkpoints), publisher, Device.cpu(), limit);
  }

  private static JobRecord running(String model) {
    JobSpec spec =
        new JobSpec(
            "failing",
            model,
            "grpo",
            1,
            new DatasetSpec("tinystories/tinystories_val.txt", 2, 4),
            new NoiseSpec(
                List.of(new NoiseOperatorSpec("word-dropout", 1, "word-dropout")),
                new CurriculumSpec("constant", 0.1, 0.1)),
            new SamplingSpec(2, 1.0, 4),
            new RewardSpec(Map.of("chrf", 1.0)),
            new TrainingSpec(10, 1, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 5, 2));
    return new JobRecord(
        Envelope.create(),
        "job",
        spec,
        JobState.RUNNING,
        0,
        null,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now());
  }

  private static ScoredGroup group(LlamaModel behaviour) {
    return TinyPolicy.group(
        behaviour, "word-dropout", new double[] {0, 1}, new double[] {-0.7, 0.7}, "stop", 0);
  }

  private static LlamaWeights nanWeights(LlamaWeights weights) {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    weights
        .tensors()
        .forEach(
            (name, values) -> {
              float[] copy = values.clone();
              Arrays.fill(copy, Float.NaN);
              tensors.put(name, copy);
            });
    return new LlamaWeights(weights.config(), tensors);
  }
}
