package dev.tempered.reward.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.RewardModelRef;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.Split;
import dev.tempered.api.topic.Topics;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.reward.HfRewardModelFormat;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.RewardModelWeights;
import dev.tempered.model.reward.RewardSequences;
import dev.tempered.model.reward.TextRewardModel;
import dev.tempered.reward.jobs.JobRegistry;
import dev.tempered.reward.model.JobModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A job weighting fluency and a learned reward model, through the whole service on the embedded
 * broker: the reward model is read from {@code tempered.reward.checkpoints-dir} by the version the
 * job names, and each candidate's components are what the two models give for it.
 */
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@DirtiesContext
class ModelRewardsKafkaTest {

  private static final String RM_JOB = "job-rm-" + UUID.randomUUID();
  private static final String PROMPT =
      "Once upon a time, in a big forest, there lived a rhinoceros named Roxy.";
  private static final List<String> TEXTS =
      List.of(
          " Roxy loved to climb. She climbed trees, rocks, and hills.",
          " hills. climbed Roxy and to trees, loved She rocks, climb.",
          " She was happy.");
  private static final Path CHECKPOINTS = temp();

  @Value("${spring.embedded.kafka.brokers}")
  private String brokers;

  @Autowired private JobRegistry jobs;

  @BeforeAll
  static void requireShared() {
    assumeTrue(SharedResources.find().isPresent(), "../shared not found: model rewards skipped");
  }

  @AfterAll
  static void deleteCheckpoints() throws IOException {
    try (var paths = Files.walk(CHECKPOINTS)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @DynamicPropertySource
  static void checkpoints(DynamicPropertyRegistry registry) throws IOException {
    registry.add("tempered.reward.checkpoints-dir", CHECKPOINTS::toString);
    if (SharedResources.find().isPresent()) {
      ModelFiles files =
          ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
      HfRewardModelFormat.write(
          RewardModelWeights.initial(files.readWeights(), 11),
          new RewardSequences(48, 32),
          files.tokenizer(),
          RewardModelCheckpoints.directory(CHECKPOINTS, RM_JOB, 1));
    }
  }

  @Test
  void scoresAGroupWithFluencyAndTheRewardModelTheJobNames() throws Exception {
    String jobId = "job-" + UUID.randomUUID();
    RewardSpec reward =
        new RewardSpec(
            Map.of("fluency", 1.0, "reward-model", 0.5),
            null,
            null,
            new RewardModelRef(RM_JOB, 1L));
    JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>().noTypeInfo();
    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new ByteArraySerializer());
        TopicReader scoredGroups = new TopicReader(brokers, Topics.SCORED_GROUPS)) {
      producer.send(record(json, Topics.JOBS, jobId, job(jobId, reward))).get();
      await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(jobId).isPresent());
      producer.send(record(json, Topics.CANDIDATES, "p-models", group(jobId))).get();

      ScoredGroup scored =
          await()
              .atMost(Duration.ofSeconds(120))
              .until(() -> scoredGroup(scoredGroups, jobId), Objects::nonNull);

      double[] fluency;
      float[] rewards;
      Path shared = SharedResources.require();
      try (JobModels models =
              new JobModels(() -> shared.resolve("models"), CHECKPOINTS, Device.cpu());
          TextRewardModel rm =
              TextRewardModel.load(
                  RewardModelCheckpoints.directory(CHECKPOINTS, RM_JOB, 1), Device.cpu())) {
        fluency = models.fluency("stories260K").scoreGroup(PROMPT, TEXTS, "");
        rewards = rm.rewards(List.of(PROMPT, PROMPT, PROMPT), TEXTS);
      }
      List<ScoredCandidate> c = scored.candidates();
      int best = 0;
      for (int i = 0; i < TEXTS.size(); i++) {
        Map<String, Double> components = c.get(i).components();
        assertThat(components).containsOnlyKeys("fluency", "reward-model");
        assertThat(components.get("fluency")).isCloseTo(fluency[i], within(1e-6));
        assertThat(components.get("reward-model")).isCloseTo(rewards[i], within(1e-6));
        assertThat(c.get(i).total())
            .isCloseTo(
                components.get("fluency") + 0.5 * components.get("reward-model"), within(1e-9));
        best = c.get(i).total() > c.get(best).total() ? i : best;
      }
      // the real sentence is more fluent than its shuffled words
      assertThat(c.get(0).components().get("fluency"))
          .isGreaterThan(c.get(1).components().get("fluency"));
      assertThat(scored.selectedIndex()).isEqualTo(best);
    }
  }

  private static ScoredGroup scoredGroup(TopicReader reader, String jobId) {
    try (JacksonJsonDeserializer<ScoredGroup> d =
        new JacksonJsonDeserializer<>(ScoredGroup.class)) {
      return reader.poll().stream()
          .filter(r -> jobId.equals(r.key()))
          .map(r -> d.deserialize(r.topic(), r.value()))
          .findFirst()
          .orElse(null);
    }
  }

  private static ProducerRecord<String, byte[]> record(
      JacksonJsonSerializer<Object> json, String topic, String key, Object value) {
    return new ProducerRecord<>(topic, key, json.serialize(topic, value));
  }

  private static CandidateGroup group(String jobId) {
    List<Candidate> candidates =
        TEXTS.stream()
            .map(
                t ->
                    new Candidate(
                        Candidate.NOISY,
                        t,
                        List.of(7, 2),
                        List.of(-1f, -1f),
                        Candidate.FINISH_STOP))
            .toList();
    return new CandidateGroup(
        Envelope.create(),
        jobId,
        "p-models",
        Split.TRAIN,
        "misspelling",
        PROMPT,
        PROMPT,
        "Roxy loved to climb.",
        0.0,
        0L,
        1.0f,
        List.of(1, 2, 3),
        candidates);
  }

  private static JobRecord job(String jobId, RewardSpec reward) {
    JobSpec spec = new JobSpec("models", "stories260K", "grpo", 7, null, null, null, reward, null);
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

  private static Path temp() {
    try {
      return Files.createTempDirectory("tempered-reward-models");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
