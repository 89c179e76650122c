package dev.tempered.sampler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Split;
import dev.tempered.api.topic.Topics;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.sampler.Stories260K;
import dev.tempered.sampler.metrics.SamplerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sampler end to end through the embedded broker with the real stories260K model: a running
 * job, TRAIN and EVAL prompts at version 0, then a hot-loaded checkpoint at version 1.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.consumer.properties.metadata.max.age.ms=1000"
    })
@DirtiesContext
class SamplerServiceKafkaTest {

  private static final int CANDIDATES = 4;
  private static final int MAX_NEW_TOKENS = 24;
  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir Path checkpointDir;

  @Autowired private KafkaTemplate<String, Object> template;
  @Autowired private MeterRegistry meters;
  @Autowired private KafkaProperties kafka;

  private Consumer<String, CandidateGroup> consumer;
  private final List<CandidateGroup> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void requireSharedModel() {
    assumeTrue(
        SharedResources.find().isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): sampler Kafka test skipped");
  }

  @BeforeEach
  void subscribe() {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer =
        new DefaultKafkaConsumerFactory<>(
                props,
                new StringDeserializer(),
                new JacksonJsonDeserializer<>(CandidateGroup.class, false))
            .createConsumer();
    consumer.subscribe(List.of(Topics.CANDIDATES));
  }

  @AfterEach
  void close() {
    consumer.close();
  }

  @Test
  void samplesTrainAndEvalPromptsThenHotLoadsACheckpoint() throws Exception {
    String jobId = "job-" + UUID.randomUUID();
    template.send(Topics.JOBS, jobId, runningJob(jobId)).get();
    template
        .send(
            Topics.NOISY_INPUTS,
            "t0",
            input(
                jobId,
                "t0",
                Split.TRAIN,
                0,
                "Tom had a red ball. He liked to throw it.",
                "Tom hda a red ball. He likd to throw it."))
        .get();
    template
        .send(
            Topics.NOISY_INPUTS,
            "e0",
            input(
                jobId,
                "e0",
                Split.EVAL,
                0,
                "Lily saw a big dog in the park.",
                "Lily saw a bgi dog in teh park."))
        .get();

    // A copy of e0 at one of the job's evaluation strengths: its strength and flag travel on.
    NoisyInput e0 =
        input(
            jobId,
            "e0",
            Split.EVAL,
            0,
            "Lily saw a big dog in the park.",
            "Lily saw a bgi dog in teh park.");
    template
        .send(
            Topics.NOISY_INPUTS,
            "e0-at-1.0",
            new NoisyInput(
                Envelope.create(),
                jobId,
                "e0-at-1.0",
                Split.EVAL,
                0,
                e0.group(),
                e0.cleanText(),
                "Liyl sa a bgi dgo in teh prak.",
                List.of(),
                e0.reference(),
                1.0,
                true))
        .get();

    CandidateGroup train = awaitGroup("t0", 0);
    assertThat(train.split()).isEqualTo(Split.TRAIN);
    assertThat(train.jobId()).isEqualTo(jobId);
    assertThat(train.temperature()).isEqualTo(0.9f);
    assertThat(train.promptTokenIds()).startsWith(1);
    assertThat(train.candidates())
        .hasSize(CANDIDATES)
        .allSatisfy(
            c -> {
              assertThat(c.variant()).isEqualTo(Candidate.NOISY);
              assertWellFormed(c);
            });

    CandidateGroup eval = awaitGroup("e0", 0);
    assertThat(eval.split()).isEqualTo(Split.EVAL);
    assertThat(eval.temperature()).isEqualTo(1.0f);
    assertThat(eval.candidates())
        .extracting(Candidate::variant)
        .containsExactly(Candidate.NOISY, Candidate.CLEAN);
    eval.candidates().forEach(this::assertWellFormed);
    assertThat(eval.curriculumLevel()).isEqualTo(0.5);
    assertThat(eval.strengthSweep()).isNull();
    CandidateGroup sweep = awaitGroup("e0-at-1.0", 0);
    assertThat(sweep.curriculumLevel()).isEqualTo(1.0);
    assertThat(sweep.strengthSweep()).isTrue();
    assertThat(sweep.noisyText()).isEqualTo("Liyl sa a bgi dgo in teh prak.");
    assertThat(sweep.candidates())
        .extracting(Candidate::variant)
        .containsExactly(Candidate.NOISY, Candidate.CLEAN);

    Path v1 = checkpointDir.resolve("v1.bin");
    Llama2cFormat.write(perturbed(Stories260K.weights()), v1);
    template
        .send(
            Topics.CHECKPOINTS,
            jobId,
            new CheckpointEvent(
                Envelope.create(),
                jobId,
                1,
                5,
                v1.toUri().toString(),
                CheckpointReader.sha256(v1),
                Files.size(v1),
                0.4,
                0.2,
                false))
        .get();

    CandidateGroup evalV1 = awaitGroup("e0", 1);
    assertThat(evalV1.candidates())
        .extracting(Candidate::variant)
        .containsExactly(Candidate.NOISY, Candidate.CLEAN);
    // The perturbed final norm changes the greedy answer's log-probs.
    assertThat(evalV1.candidates().get(1).logprobs())
        .isNotEqualTo(eval.candidates().get(1).logprobs());
    assertThat(meters.get(SamplerMetrics.POLICY_VERSION).tag("job", jobId).gauge().value())
        .isEqualTo(1.0);

    template
        .send(
            Topics.NOISY_INPUTS,
            "t1",
            input(
                jobId,
                "t1",
                Split.TRAIN,
                1,
                "The sun was hot. Sam wanted to swim.",
                "The sun was hot. Sam wnated to swim."))
        .get();
    CandidateGroup trainV1 = awaitGroup("t1", 1);
    assertThat(trainV1.candidates()).hasSize(CANDIDATES).allSatisfy(this::assertWellFormed);

    assertThat(received).filteredOn(g -> g.promptId().equals("e0")).hasSize(2);
    assertThat(meters.get(SamplerMetrics.BATCH_ROWS).summary().count()).isGreaterThanOrEqualTo(4);
    assertThat(meters.get(SamplerMetrics.GENERATED_TOKENS).counter().count()).isPositive();
  }

  private CandidateGroup awaitGroup(String promptId, long version) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
              return find(promptId, version);
            },
            Optional::isPresent)
        .orElseThrow();
  }

  private Optional<CandidateGroup> find(String promptId, long version) {
    return received.stream()
        .filter(g -> g.promptId().equals(promptId) && g.policyVersion() == version)
        .findFirst();
  }

  private void assertWellFormed(Candidate c) {
    assertThat(c.tokenIds()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_NEW_TOKENS);
    assertThat(c.logprobs())
        .hasSameSizeAs(c.tokenIds())
        .allSatisfy(lp -> assertThat(lp).isLessThanOrEqualTo(0f));
    assertThat(c.finishReason()).isIn(Candidate.FINISH_STOP, Candidate.FINISH_LENGTH);
  }

  private static LlamaWeights perturbed(LlamaWeights weights) {
    Map<String, float[]> tensors = new LinkedHashMap<>(weights.tensors());
    float[] norm = tensors.get("norm").clone();
    for (int i = 0; i < norm.length; i++) {
      norm[i] *= 1.5f;
    }
    tensors.put("norm", norm);
    return new LlamaWeights(weights.config(), tensors);
  }

  private static JobRecord runningJob(String jobId) {
    JobSpec spec =
        new JobSpec(
            "sampler-test",
            Stories260K.NAME,
            "grpo",
            1234L,
            new DatasetSpec("tinystories/tinystories_val.txt", 2, 1),
            new NoiseSpec(
                List.of(new NoiseOperatorSpec("misspelling", 1.0, "typo")),
                new CurriculumSpec("constant", 0.5, 0.5)),
            new SamplingSpec(CANDIDATES, 0.9, MAX_NEW_TOKENS),
            new RewardSpec(Map.of("chrf", 1.0)),
            new TrainingSpec(2, 1, 1e-3, 0.0, 0.0, 0.2, 0.2, 1.0, 1, 2));
    Instant now = Instant.now();
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
        now,
        now);
  }

  private static NoisyInput input(
      String jobId, String promptId, Split split, long sequence, String clean, String noisy) {
    return new NoisyInput(
        Envelope.create(),
        jobId,
        promptId,
        split,
        sequence,
        "typo",
        clean,
        noisy,
        List.of(),
        "He was happy.",
        0.5);
  }

  /** Creates the topics the sampler reads before its listeners subscribe. */
  @TestConfiguration
  static class SourceTopics {

    @Bean
    NewTopic jobsTopic() {
      return TopicBuilder.name(Topics.JOBS).partitions(1).compact().build();
    }

    @Bean
    NewTopic checkpointsTopic() {
      return TopicBuilder.name(Topics.CHECKPOINTS).partitions(1).compact().build();
    }

    @Bean
    NewTopic noisyInputsTopic() {
      return TopicBuilder.name(Topics.NOISY_INPUTS).partitions(3).build();
    }
  }
}
