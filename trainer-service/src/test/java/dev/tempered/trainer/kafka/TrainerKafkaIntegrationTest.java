package dev.tempered.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.GroupRobustSpec;
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
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The trainer through a real (embedded KRaft) broker on the real stories260K model: a running job
 * and scored groups in, one rollout per GRPO step and checkpoint files with matching sha256 out.
 */
@SpringBootTest
@DirtiesContext
class TrainerKafkaIntegrationTest {

  @TempDir static Path checkpoints;

  @Autowired KafkaTemplate<String, Object> template;

  @Autowired MeterRegistry meters;

  @BeforeAll
  static void requireShared() {
    assumeTrue(
        SharedResources.find().isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): trainer integration test skipped");
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.kafka.bootstrap-servers",
        () -> System.getProperty("spring.embedded.kafka.brokers"));
    registry.add("tempered.checkpoint-dir", () -> checkpoints.toString());
  }

  @Test
  void trainsOnScoredGroupsAndPublishesRolloutsAndCheckpoints() throws Exception {
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    String jobId = "job-trainer-it";
    JobSpec spec =
        spec("it", "stories260K", new TrainingSpec(2, 2, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 1, 2));
    template.send(Topics.JOBS, jobId, record(jobId, spec, JobState.RUNNING)).join();
    try (LlamaModel model = LlamaModel.create(base, Device.cpu())) {
      for (int g = 0; g < 4; g++) {
        template.send(Topics.SCORED_GROUPS, jobId, group(model, tok, jobId, g)).join();
      }
    }
    List<Rollout> rollouts = new CopyOnWriteArrayList<>();
    List<CheckpointEvent> events = new CopyOnWriteArrayList<>();
    try (var rolloutConsumer = consumer(Rollout.class);
        var checkpointConsumer = consumer(CheckpointEvent.class)) {
      rolloutConsumer.subscribe(List.of(Topics.ROLLOUTS));
      checkpointConsumer.subscribe(List.of(Topics.CHECKPOINTS));
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                // Other tests of this class publish on the same topics: keep this job's records.
                rolloutConsumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (jobId.equals(r.key())) {
                            rollouts.add(r.value());
                          }
                        });
                checkpointConsumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (jobId.equals(r.key())) {
                            events.add(r.value());
                          }
                        });
                return rollouts.size() >= 2 && events.size() >= 2;
              });
    }
    assertThat(rollouts).extracting(Rollout::step).containsExactly(1L, 2L);
    assertThat(rollouts.get(1).groupsConsumed()).isEqualTo(4);
    assertThat(rollouts.get(0).samples()).hasSize(8);
    assertThat(rollouts.get(0).metrics().loss()).isFinite();
    assertThat(rollouts.get(0).metrics().gradNorm()).isPositive();
    assertThat(rollouts.get(0).metrics().entropy()).isPositive();
    assertThat(events).extracting(CheckpointEvent::version).containsExactly(1L, 2L);
    assertThat(events.get(1).last()).isTrue();
    Path written = Path.of(URI.create(events.get(1).uri()));
    assertThat(written).exists();
    assertThat(events.get(1).sizeBytes()).isEqualTo(Files.size(written));
    assertThat(events.get(1).sha256()).hasSize(64);
    LlamaWeights trained = Llama2cFormat.read(written);
    assertThat(
            Arrays.equals(trained.tensors().get("layers.0.wq"), base.tensors().get("layers.0.wq")))
        .as("training moved the weights")
        .isFalse();
  }

  /**
   * The optional GRPO fields reach the step through the job record, and the step details reach
   * Micrometer: two iterations per batch, truncated importance weights, group-robust weights.
   */
  @Test
  void optionalGrpoFieldsDriveTheStepAndReachTheMeters() throws Exception {
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    String jobId = "job-trainer-options";
    TrainingSpec training =
        new TrainingSpec(
            1,
            2,
            0.001,
            0.0,
            0.0,
            0.2,
            0.28,
            1.0,
            1,
            2,
            "batch",
            "token-mean",
            2,
            "token",
            2.0,
            false,
            false,
            new GroupRobustSpec(0.01));
    JobSpec spec = spec("it-options", "stories260K", training);
    template.send(Topics.JOBS, jobId, record(jobId, spec, JobState.RUNNING)).join();
    try (LlamaModel model = LlamaModel.create(base, Device.cpu())) {
      for (int g = 0; g < 2; g++) {
        template.send(Topics.SCORED_GROUPS, jobId, group(model, tok, jobId, g)).join();
      }
    }
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> meters.find("tempered.trainer.iterations").tag("job", jobId).gauge() != null);
    assertThat(meters.get("tempered.trainer.iterations").tag("job", jobId).gauge().value())
        .isEqualTo(2.0);
    // the sampler's log-probs are the policy's own at the start: weights ≈ 1, none truncated
    assertThat(meters.get("tempered.trainer.importance.weight").tag("job", jobId).gauge().value())
        .isCloseTo(1.0, within(1e-3));
    // one data group holds all the weight
    assertThat(
            meters
                .get("tempered.trainer.group.weight")
                .tags("job", jobId, "group", "word-dropout")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get("tempered.trainer.group.worst")
                .tags("job", jobId, "group", "word-dropout")
                .gauge()
                .value())
        .isEqualTo(1.0);
  }

  /**
   * While the job is PAUSED its scored groups wait and no step is taken; once it is RUNNING again
   * the waiting groups make the step.
   */
  @Test
  void aPausedJobTakesNoStepUntilItIsResumed() throws Exception {
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    String jobId = "job-trainer-paused";
    JobSpec spec =
        spec("it", "stories260K", new TrainingSpec(1, 2, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 1, 2));
    template.send(Topics.JOBS, jobId, record(jobId, spec, JobState.PAUSED)).join();
    try (LlamaModel model = LlamaModel.create(base, Device.cpu())) {
      for (int g = 0; g < 2; g++) {
        template.send(Topics.SCORED_GROUPS, jobId, group(model, tok, jobId, g)).join();
      }
    }
    List<Rollout> rollouts = new CopyOnWriteArrayList<>();
    try (var consumer = consumer(Rollout.class, "it-paused-rollouts")) {
      consumer.subscribe(List.of(Topics.ROLLOUTS));
      Runnable poll =
          () ->
              consumer
                  .poll(Duration.ofMillis(200))
                  .forEach(
                      r -> {
                        if (jobId.equals(r.key())) {
                          rollouts.add(r.value());
                        }
                      });
      Awaitility.await()
          .pollInSameThread()
          .during(Duration.ofSeconds(8))
          .atMost(Duration.ofSeconds(12))
          .until(
              () -> {
                poll.run();
                return rollouts.isEmpty();
              });

      template.send(Topics.JOBS, jobId, record(jobId, spec, JobState.RUNNING)).join();
      Awaitility.await()
          .pollInSameThread()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                poll.run();
                return !rollouts.isEmpty();
              });
    }
    assertThat(rollouts.get(0).step()).isEqualTo(1);
    assertThat(rollouts.get(0).groupsConsumed()).isEqualTo(2);
    assertThat(rollouts.get(0).samples()).hasSize(8);
  }

  /** A job whose model is not in the models directory is given up with a failure rollout. */
  @Test
  void aJobWhoseModelCannotBeLoadedIsReportedAsFailed() {
    String jobId = "job-trainer-no-model";
    JobSpec spec =
        spec("it", "no-such-model", new TrainingSpec(1, 2, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 1, 2));
    template.send(Topics.JOBS, jobId, record(jobId, spec, JobState.RUNNING)).join();
    List<Rollout> rollouts = new CopyOnWriteArrayList<>();
    try (var consumer = consumer(Rollout.class, "it-no-model-rollouts")) {
      consumer.subscribe(List.of(Topics.ROLLOUTS));
      Awaitility.await()
          .pollInSameThread()
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (jobId.equals(r.key())) {
                            rollouts.add(r.value());
                          }
                        });
                return !rollouts.isEmpty();
              });
    }
    assertThat(rollouts.get(0).failure())
        .startsWith(
            "cannot load model 'no-such-model': cannot load base model no-such-model from ");
    assertThat(rollouts.get(0).metrics()).isNull();
  }

  /** A one-operator word-dropout job on TinyStories with chrF reward; only the training varies. */
  private static JobSpec spec(String name, String model, TrainingSpec training) {
    return new JobSpec(
        name,
        model,
        "grpo",
        1,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, 4),
        new NoiseSpec(
            List.of(new NoiseOperatorSpec("word-dropout", 1, "word-dropout")),
            new CurriculumSpec("constant", 0.1, 0.1)),
        new SamplingSpec(4, 1.0, 12),
        new RewardSpec(Map.of("chrf", 1.0)),
        training);
  }

  private static JobRecord record(String jobId, JobSpec spec, JobState state) {
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        state,
        0,
        null,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now());
  }

  /** A scored group that cannot be read reaches its DLT as it came, not re-serialised as JSON. */
  @Test
  void poisonScoredGroupIsDeadLetteredWithItsOriginalBytes() {
    byte[] poison = "{not a scored group".getBytes(StandardCharsets.UTF_8);
    template.send(Topics.SCORED_GROUPS, "poison", poison).join();
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        System.getProperty("spring.embedded.kafka.brokers"));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dlt");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<byte[]> dead = new CopyOnWriteArrayList<>();
    try (var dlt =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      dlt.subscribe(List.of(Topics.deadLetter(Topics.SCORED_GROUPS)));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                dlt.poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if ("poison".equals(r.key())) {
                            dead.add(r.value());
                          }
                        });
                return !dead.isEmpty();
              });
    }
    assertThat(dead.get(0)).isEqualTo(poison);
  }

  private static ScoredGroup group(LlamaModel model, Llama2cTokenizer tok, String jobId, int g) {
    int[] prompt = tok.encode("Tom saw a big dog in the park.", true, false);
    List<int[]> prompts = new ArrayList<>(List.of(prompt, prompt, prompt, prompt));
    List<GeneratedSequence> out =
        Generator.generate(
            model,
            prompts,
            GenerationOptions.sampling(1f, 12, Set.of(Llama2cTokenizer.EOS), 100 + g));
    List<ScoredCandidate> candidates = new ArrayList<>();
    float[] advantages = {1f, -1f, 0.5f, -0.5f};
    for (int i = 0; i < out.size(); i++) {
      GeneratedSequence s = out.get(i);
      List<Integer> ids = Arrays.stream(s.tokens()).boxed().toList();
      List<Float> lps = new ArrayList<>();
      for (float lp : s.logprobs()) {
        lps.add(lp);
      }
      candidates.add(
          new ScoredCandidate(
              tok.decodeContinuation(s.tokens()),
              ids,
              lps,
              s.finishReason(),
              Map.of("chrf", 0.5 + advantages[i] / 10),
              0.5 + advantages[i] / 10,
              advantages[i]));
    }
    return new ScoredGroup(
        Envelope.create(),
        jobId,
        jobId + "-train-" + g,
        "word-dropout",
        0,
        1f,
        0.1,
        Arrays.stream(prompt).boxed().toList(),
        candidates,
        0,
        0.5,
        0.08);
  }

  private static <T> KafkaConsumer<String, T> consumer(Class<T> type) {
    return consumer(type, "it-" + type.getSimpleName());
  }

  private static <T> KafkaConsumer<String, T> consumer(Class<T> type, String group) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        System.getProperty("spring.embedded.kafka.brokers"));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    JacksonJsonDeserializer<T> values = new JacksonJsonDeserializer<>(type);
    values.ignoreTypeHeaders();
    values.addTrustedPackages("*");
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }
}
