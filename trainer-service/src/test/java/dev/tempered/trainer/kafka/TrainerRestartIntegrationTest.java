package dev.tempered.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
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
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.RolloutSample;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.trainer.TrainerServiceApplication;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * A trainer restarted on the same checkpoint folder and broker (embedded KRaft) goes on with a
 * RUNNING job from its newest checkpoint: step and version continue (no version is published
 * twice), the staleness bound holds against the restored version, a group from a version the
 * trainer never wrote is dropped as invalid, and the job finishes.
 */
class TrainerRestartIntegrationTest {

  private static final String JOB = "job-trainer-restart";

  @TempDir Path checkpoints;

  @Test
  void aRestartedTrainerResumesFromItsNewestCheckpoint() throws Exception {
    var shared = SharedResources.find();
    assumeTrue(shared.isPresent(), "../shared not found: trainer restart test skipped");
    ModelFiles files = ModelFiles.locate(shared.get().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    // 4 steps of 2 groups, a checkpoint every 2 steps, only groups of the trainer's own version.
    JobSpec spec = spec(new TrainingSpec(4, 2, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 0));
    List<Rollout> rollouts = new CopyOnWriteArrayList<>();
    List<CheckpointEvent> events = new CopyOnWriteArrayList<>();
    try (LlamaModel model = LlamaModel.create(base, Device.cpu());
        var rolloutConsumer = consumer(Rollout.class, "it-restart-rollouts");
        var checkpointConsumer = consumer(CheckpointEvent.class, "it-restart-checkpoints")) {
      rolloutConsumer.subscribe(List.of(Topics.ROLLOUTS));
      checkpointConsumer.subscribe(List.of(Topics.CHECKPOINTS));
      Runnable poll =
          () -> {
            rolloutConsumer
                .poll(Duration.ofMillis(100))
                .forEach(r -> keep(r.key(), r.value(), rollouts));
            checkpointConsumer
                .poll(Duration.ofMillis(100))
                .forEach(r -> keep(r.key(), r.value(), events));
          };

      try (ConfigurableApplicationContext first = trainer()) {
        send(first, Topics.JOBS, record(spec));
        for (int g = 0; g < 4; g++) {
          send(first, Topics.SCORED_GROUPS, group(model, tok, "a" + g, 0));
        }
        await(poll, () -> events.size() == 1 && rollouts.size() == 2);
      }
      CheckpointEvent v1 = events.get(0);
      assertThat(v1.version()).isEqualTo(1);
      assertThat(v1.step()).isEqualTo(2);
      assertThat(v1.last()).isFalse();
      assertThat(rollouts).extracting(Rollout::step).containsExactly(1L, 2L);

      try (ConfigurableApplicationContext second = trainer()) {
        // Stale against the restored v1 (a trainer started afresh at v0 would train on it).
        send(second, Topics.SCORED_GROUPS, group(model, tok, "stale", 0));
        // From a version this trainer never published: invalid, not staleness -4.
        send(second, Topics.SCORED_GROUPS, group(model, tok, "future", 5));
        for (int g = 0; g < 4; g++) {
          send(second, Topics.SCORED_GROUPS, group(model, tok, "b" + g, 1));
        }
        await(poll, () -> events.size() == 2 && rollouts.stream().anyMatch(r -> r.step() == 4));
      }
    }
    List<Rollout> afterRestart = rollouts.subList(2, rollouts.size());
    // Consumption-only rollouts for the two dropped groups, at the restored step and version.
    assertThat(afterRestart)
        .filteredOn(r -> r.metrics() == null)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.step()).isEqualTo(2);
              assertThat(r.policyVersion()).isEqualTo(1);
            });
    List<Rollout> steps = afterRestart.stream().filter(r -> r.metrics() != null).toList();
    assertThat(steps).extracting(Rollout::step).containsExactly(3L, 4L);
    assertThat(steps).extracting(Rollout::policyVersion).containsExactly(1L, 2L);
    // 4 groups before the restart, then 2 dropped and 4 trained on.
    assertThat(steps).extracting(Rollout::groupsConsumed).containsExactly(8L, 10L);
    assertThat(steps.get(0).metrics().droppedStale()).isEqualTo(2);
    // The policy went on from v1's weights: a policy started afresh from the base model has KL 0
    // to its base-model reference at its first step (as step 1 had).
    assertThat(rollouts.get(0).metrics().kl()).isZero();
    assertThat(steps.get(0).metrics().kl()).isPositive();
    assertThat(steps.get(0).metrics().meanStaleness()).isEqualTo(0.0);
    assertThat(steps.get(0).samples())
        .hasSize(8)
        .allSatisfy(
            s -> {
              assertThat(s.behaviourVersion()).isEqualTo(1);
              assertThat(s.staleness()).isZero();
            });
    assertThat(steps.get(1).samples())
        .extracting(RolloutSample::trainedIntoVersion)
        .containsOnly(2L);

    CheckpointEvent v2 = events.get(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.step()).isEqualTo(4);
    assertThat(v2.last()).isTrue();
    // v1 was not written again: its file is still the one its event announced.
    Path v1File = Path.of(URI.create(events.get(0).uri()));
    assertThat(sha256(v1File)).isEqualTo(events.get(0).sha256());
    assertThat(sha256(Path.of(URI.create(v2.uri())))).isEqualTo(v2.sha256());
    Path jobDir = v1File.getParent();
    assertThat(jobDir.resolve("v2.state.json")).content().contains("\"step\":4", "\"version\":2");
    // Only the newest checkpoint keeps its (model-sized) AdamW moments.
    assertThat(jobDir.resolve("v2.adamw.safetensors")).isRegularFile();
    assertThat(jobDir.resolve("v1.adamw.safetensors")).doesNotExist();
  }

  private ConfigurableApplicationContext trainer() {
    return new SpringApplicationBuilder(TrainerServiceApplication.class)
        .run(
            "--spring.kafka.bootstrap-servers="
                + System.getProperty("spring.embedded.kafka.brokers"),
            "--tempered.checkpoint-dir=" + checkpoints,
            "--server.port=0");
  }

  @SuppressWarnings("unchecked")
  private static void send(ConfigurableApplicationContext context, String topic, Object value) {
    context.getBean(KafkaTemplate.class).send(topic, JOB, value).join();
  }

  private static void await(Runnable poll, BooleanSupplier done) {
    Awaitility.await()
        .pollInSameThread()
        .atMost(Duration.ofMinutes(3))
        .until(
            () -> {
              poll.run();
              return done.getAsBoolean();
            });
  }

  private static <T> void keep(String key, T value, List<T> into) {
    if (JOB.equals(key)) {
      into.add(value);
    }
  }

  private static JobSpec spec(TrainingSpec training) {
    return new JobSpec(
        "it-restart",
        "stories260K",
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

  private static JobRecord record(JobSpec spec) {
    return new JobRecord(
        Envelope.create(),
        JOB,
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

  /** Four sampled candidates of one prompt with fixed advantages, from policy version v. */
  private static ScoredGroup group(LlamaModel model, Llama2cTokenizer tok, String id, long v) {
    int[] prompt = tok.encode("Tom saw a big dog in the park.", true, false);
    List<GeneratedSequence> out =
        Generator.generate(
            model,
            List.of(prompt, prompt, prompt, prompt),
            GenerationOptions.sampling(1f, 12, Set.of(Llama2cTokenizer.EOS), id.hashCode()));
    float[] advantages = {1f, -1f, 0.5f, -0.5f};
    List<ScoredCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      GeneratedSequence s = out.get(i);
      List<Float> lps = new ArrayList<>();
      for (float lp : s.logprobs()) {
        lps.add(lp);
      }
      candidates.add(
          new ScoredCandidate(
              tok.decodeContinuation(s.tokens()),
              Arrays.stream(s.tokens()).boxed().toList(),
              lps,
              s.finishReason(),
              Map.of("chrf", 0.5 + advantages[i] / 10),
              0.5 + advantages[i] / 10,
              advantages[i]));
    }
    return new ScoredGroup(
        Envelope.create(),
        JOB,
        JOB + "-" + id,
        "word-dropout",
        v,
        1f,
        0.1,
        Arrays.stream(prompt).boxed().toList(),
        candidates,
        0,
        0.5,
        0.08);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
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
