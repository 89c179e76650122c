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
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.PpoSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.Rollout;
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
import io.micrometer.core.instrument.MeterRegistry;
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
 * A {@code ppo} job through a real (embedded KRaft) broker on stories260K: its training.ppo
 * settings reach the PPO step (2 epochs × 2 minibatches, the adaptive KL controller), a rollout per
 * step comes out, and the PPO meters show the controller's update.
 */
@SpringBootTest
@DirtiesContext
class PpoKafkaIntegrationTest {

  @TempDir static Path checkpoints;

  @Autowired KafkaTemplate<String, Object> template;

  @Autowired MeterRegistry meters;

  @BeforeAll
  static void requireShared() {
    assumeTrue(
        SharedResources.find().isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): PPO trainer integration test skipped");
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.kafka.bootstrap-servers",
        () -> System.getProperty("spring.embedded.kafka.brokers"));
    registry.add("tempered.checkpoint-dir", () -> checkpoints.toString());
  }

  @Test
  void aPpoJobTrainsAndReportsItsValueAndKlMeters() throws Exception {
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    String jobId = "job-trainer-ppo";
    JobSpec spec = spec();
    assertThat(JobSpecValidator.validate(spec)).isEmpty();
    template.send(Topics.JOBS, jobId, record(jobId, spec)).join();
    try (LlamaModel model = LlamaModel.create(base, Device.cpu())) {
      for (int g = 0; g < 4; g++) {
        template.send(Topics.SCORED_GROUPS, jobId, group(model, tok, jobId, g)).join();
      }
    }
    List<Rollout> rollouts = new CopyOnWriteArrayList<>();
    try (var consumer = consumer()) {
      consumer.subscribe(List.of(Topics.ROLLOUTS));
      Awaitility.await()
          .pollInSameThread()
          .atMost(Duration.ofMinutes(3))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (jobId.equals(r.key()) && r.value().metrics() != null) {
                            rollouts.add(r.value());
                          }
                        });
                return rollouts.size() >= 2;
              });
    }
    assertThat(rollouts).extracting(Rollout::step).containsExactly(1L, 2L);
    assertThat(rollouts.get(0).metrics().loss()).isFinite();
    assertThat(rollouts.get(0).metrics().gradNorm()).isPositive();
    // step 1: the policy is the reference, so k1 is exactly 0
    assertThat(rollouts.get(0).metrics().kl()).isZero();
    assertThat(rollouts.get(1).metrics().entropy()).isPositive();
    assertThat(gauge(jobId, "updates")).isEqualTo(4.0);
    assertThat(gauge(jobId, "value.loss")).isPositive().isFinite();
    // KL 0 at step 1 → error −0.2 over 8 samples: 0.05·(1 − 0.2·8/10000) is step 2's coefficient
    assertThat(gauge(jobId, "kl.coef")).isCloseTo(0.05 * (1 - 0.2 * 8 / 10_000), within(1e-9));
    assertThat(gauge(jobId, "value.grad.norm")).isNaN();
    // group-robust: the one data group holds all the weight and is the worst
    assertThat(groupGauge(jobId, "weight")).isEqualTo(1.0);
    assertThat(groupGauge(jobId, "worst")).isEqualTo(1.0);
    assertThat(groupGauge(jobId, "loss")).isFinite();
  }

  private double groupGauge(String jobId, String name) {
    return meters
        .get("tempered.trainer.group." + name)
        .tags("job", jobId, "group", "word-dropout")
        .gauge()
        .value();
  }

  private double gauge(String jobId, String name) {
    return meters.get("tempered.trainer.ppo." + name).tag("job", jobId).gauge().value();
  }

  private static JobSpec spec() {
    TrainingSpec training =
        new TrainingSpec(
            2,
            2,
            0.001,
            0.0,
            0.0,
            0.2,
            0.2,
            1.0,
            2,
            2,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new GroupRobustSpec(0.01),
            null,
            null,
            new PpoSpec(null, null, null, null, 2, 2, null, "adaptive", null, null, null, null),
            null);
    return new JobSpec(
        "it-ppo",
        "stories260K",
        "ppo",
        1,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, 4),
        new NoiseSpec(
            List.of(new NoiseOperatorSpec("word-dropout", 1, "word-dropout")),
            new CurriculumSpec("constant", 0.1, 0.1)),
        new SamplingSpec(4, 1.0, 12),
        new RewardSpec(Map.of("chrf", 1.0)),
        training);
  }

  private static JobRecord record(String jobId, JobSpec spec) {
    return new JobRecord(
        Envelope.create(),
        jobId,
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

  private static ScoredGroup group(LlamaModel model, Llama2cTokenizer tok, String jobId, int g) {
    int[] prompt = tok.encode("Tom saw a big dog in the park.", true, false);
    List<GeneratedSequence> out =
        Generator.generate(
            model,
            List.of(prompt, prompt, prompt, prompt),
            GenerationOptions.sampling(1f, 12, Set.of(Llama2cTokenizer.EOS), 200 + g));
    List<ScoredCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      GeneratedSequence s = out.get(i);
      List<Float> lps = new ArrayList<>();
      for (float lp : s.logprobs()) {
        lps.add(lp);
      }
      double reward = 0.2 * i;
      candidates.add(
          new ScoredCandidate(
              tok.decodeContinuation(s.tokens()),
              Arrays.stream(s.tokens()).boxed().toList(),
              lps,
              s.finishReason(),
              Map.of("chrf", reward),
              reward,
              0));
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
        0.3,
        0.26);
  }

  private static KafkaConsumer<String, Rollout> consumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        System.getProperty("spring.embedded.kafka.brokers"));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-ppo-rollouts");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    JacksonJsonDeserializer<Rollout> values = new JacksonJsonDeserializer<>(Rollout.class);
    values.ignoreTypeHeaders();
    values.addTrustedPackages("*");
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }
}
