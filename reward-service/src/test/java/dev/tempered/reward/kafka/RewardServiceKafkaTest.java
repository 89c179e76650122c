package dev.tempered.reward.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.Split;
import dev.tempered.api.topic.Topics;
import dev.tempered.reward.jobs.JobRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.test.annotation.DirtiesContext;

/** The whole service on the global embedded KRaft broker: jobs and candidates in, results out. */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      // Runs the per-group debug logging too, so a fault in it would fail the test.
      "logging.level.dev.tempered.reward.processing=DEBUG"
    })
@DirtiesContext
class RewardServiceKafkaTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String REFERENCE = "Tom ran home.";

  @Value("${spring.embedded.kafka.brokers}")
  private String brokers;

  @Autowired private JobRegistry jobs;

  private final JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>().noTypeInfo();
  private KafkaProducer<String, byte[]> producer;
  private final List<TopicReader> readers = new ArrayList<>();

  @BeforeEach
  void openProducer() {
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @AfterEach
  void close() {
    producer.close();
    readers.forEach(TopicReader::close);
  }

  @Test
  void scoresTrainingGroupsAndEvaluatesHeldOutGroups() throws Exception {
    String jobId = "job-" + UUID.randomUUID();
    send(Topics.JOBS, jobId, job(jobId, Map.of("chrf", 0.5, "sentence-end", 0.5)));
    await().atMost(TIMEOUT).until(() -> jobs.find(jobId).isPresent());

    // chrF against "Tom ran home.": 1 for the identical answers, 0 for "zzz!" and "qqq" (no
    // character in common). S = 0.5 chrF + 0.5 sentence-end = [1.0, 0.5, 0.0, 1.0].
    CandidateGroup train =
        group(
            jobId,
            "p-train",
            Split.TRAIN,
            candidate(Candidate.NOISY, "Tom ran home."),
            candidate(Candidate.NOISY, "zzz!"),
            candidate(Candidate.NOISY, "qqq"),
            candidate(Candidate.NOISY, "Tom ran home."));
    CandidateGroup eval =
        group(
            jobId,
            "p-eval",
            Split.EVAL,
            candidate(Candidate.CLEAN, "Tom ran home."),
            candidate(Candidate.NOISY, "zzz!"));
    // The same held-out prompt at one of the job's evaluation strengths, 0.9.
    CandidateGroup sweep =
        new CandidateGroup(
            Envelope.create(),
            jobId,
            "p-eval-at-0.9",
            Split.EVAL,
            eval.group(),
            eval.cleanText(),
            eval.noisyText(),
            REFERENCE,
            0.9,
            2L,
            0.9f,
            List.of(1, 42, 43),
            List.of(candidate(Candidate.CLEAN, "Tom ran home."), candidate(Candidate.NOISY, "qqq")),
            List.of("misspelling"),
            true,
            null);
    TopicReader scoredGroups = reader(Topics.SCORED_GROUPS);
    TopicReader evaluations = reader(Topics.EVALUATIONS);
    send(Topics.CANDIDATES, "p-train", train);
    send(Topics.CANDIDATES, "p-eval", eval);
    send(Topics.CANDIDATES, "p-eval-at-0.9", sweep);

    ScoredGroup scored = awaitOne(scoredGroups, ScoredGroup.class, jobId, "p-train");
    // mean 0.625; deviations 0.375, -0.125, -0.625, 0.375; squares sum to 0.6875;
    // Bessel std sqrt(0.6875 / 3) = 0.4787136; A = deviation / 0.4787136(+1e-4)
    //   = 0.783186, -0.261062, -1.305310, 0.783186. T_k: tie of 0 and 3 -> 0.
    assertThat(scored.candidates())
        .extracting(ScoredCandidate::reward)
        .containsExactly(1.0, 0.5, 0.0, 1.0);
    assertThat(scored.candidates())
        .extracting(ScoredCandidate::advantage)
        .satisfiesExactly(
            a -> assertThat(a).isCloseTo(0.783186, within(1e-6)),
            a -> assertThat(a).isCloseTo(-0.261062, within(1e-6)),
            a -> assertThat(a).isCloseTo(-1.305310, within(1e-6)),
            a -> assertThat(a).isCloseTo(0.783186, within(1e-6)));
    assertThat(scored.selectedIndex()).isZero();
    assertThat(scored.rewardMean()).isCloseTo(0.625, within(1e-12));
    assertThat(scored.rewardStd()).isCloseTo(0.4787136, within(1e-6));
    assertThat(scored.candidates().get(1).components())
        .containsExactly(Map.entry("chrf", 0.0), Map.entry("sentence-end", 1.0));
    assertThat(scored.candidates().get(2).tokenIds()).containsExactly(7, 2);
    assertThat(scored.candidates().get(2).logprobs()).containsExactly(-1.5f, -0.5f);
    assertThat(scored.promptTokenIds()).containsExactly(1, 42, 43);
    assertThat(scored.temperature()).isEqualTo(0.9f);
    assertThat(scored.curriculumLevel()).isEqualTo(0.4);
    assertThat(scored.policyVersion()).isEqualTo(2L);
    // the DPO pair: T_k = 0 against the lowest S, candidate 2 ("qqq", S 0)
    assertThat(scored.pairs()).containsExactly(new PreferencePair(0, 2, 1.0, 0.0));
    assertThat(scored.tiedPairs()).isZero();
    assertThat(scored.candidates())
        .extracting(ScoredCandidate::total)
        .containsExactly(1.0, 0.5, 0.0, 1.0);

    EvaluationResult evaluation = awaitOne(evaluations, EvaluationResult.class, jobId, "p-eval");
    assertThat(evaluation.cleanScore()).isEqualTo(1.0);
    assertThat(evaluation.noisyScore()).isEqualTo(0.5);
    // "zzz!" shares no character with "Tom ran home."
    assertThat(evaluation.consistency()).isEqualTo(0.0);
    assertThat(evaluation.cleanAnswer()).isEqualTo("Tom ran home.");
    assertThat(evaluation.noisyAnswer()).isEqualTo("zzz!");
    assertThat(evaluation.strength()).isEqualTo(0.4);
    assertThat(evaluation.strengthSweep()).isNull();

    EvaluationResult swept = awaitOne(evaluations, EvaluationResult.class, jobId, "p-eval-at-0.9");
    assertThat(swept.strength()).isEqualTo(0.9);
    assertThat(swept.strengthSweep()).isTrue();
    assertThat(swept.noiseKinds()).containsExactly("misspelling");
    // "qqq": chrF 0 and no sentence end, so 0; the clean answer scores 1 as above.
    assertThat(swept.cleanScore()).isEqualTo(1.0);
    assertThat(swept.noisyScore()).isEqualTo(0.0);

    // A redelivered group (same message id) is not published again: a marker sent after it on the
    // same key, so the same partition, proves the duplicate was consumed before we count.
    send(Topics.CANDIDATES, "p-train", train);
    send(
        Topics.CANDIDATES,
        "p-train",
        group(jobId, "p-marker", Split.TRAIN, candidate(Candidate.NOISY, "Tom ran home.")));
    awaitOne(scoredGroups, ScoredGroup.class, jobId, "p-marker");
    assertThat(values(scoredGroups, ScoredGroup.class, jobId, "p-train")).hasSize(1);
  }

  @Test
  void aTrainingGroupWithACleanAnswerIsScoredForConsistency() throws Exception {
    String jobId = "job-" + UUID.randomUUID();
    send(Topics.JOBS, jobId, job(jobId, Map.of("consistency", 1.0)));
    await().atMost(TIMEOUT).until(() -> jobs.find(jobId).isPresent());
    CandidateGroup plain =
        group(
            jobId,
            "p-consistent",
            Split.TRAIN,
            candidate(Candidate.NOISY, "the hat"),
            candidate(Candidate.NOISY, "the cat"),
            candidate(Candidate.NOISY, "zzz"));
    CandidateGroup train =
        new CandidateGroup(
            plain.envelope(),
            plain.jobId(),
            plain.promptId(),
            plain.split(),
            plain.group(),
            plain.cleanText(),
            plain.noisyText(),
            plain.reference(),
            plain.curriculumLevel(),
            plain.policyVersion(),
            plain.temperature(),
            plain.promptTokenIds(),
            plain.candidates(),
            List.of("misspelling"),
            null,
            "the cat");
    TopicReader scoredGroups = reader(Topics.SCORED_GROUPS);
    send(Topics.CANDIDATES, "p-consistent", train);

    ScoredGroup scored = awaitOne(scoredGroups, ScoredGroup.class, jobId, "p-consistent");
    // chrF against the clean answer "the cat": 101/360 for "the hat" (hand-computed in ChrFTest),
    // 1 for itself, 0 for "zzz"; T_k = 1, the DPO pair against "zzz".
    assertThat(scored.candidates())
        .extracting(c -> c.components().get("consistency"))
        .satisfiesExactly(
            v -> assertThat(v).isCloseTo(101.0 / 360.0, within(1e-9)),
            v -> assertThat(v).isEqualTo(1.0),
            v -> assertThat(v).isEqualTo(0.0));
    assertThat(scored.selectedIndex()).isEqualTo(1);
    assertThat(scored.pairs()).containsExactly(new PreferencePair(1, 2, 1.0, 0.0));
  }

  @Test
  void poisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() throws Exception {
    String jobId = "unknown-job-" + UUID.randomUUID();
    String key = "p-poison-" + UUID.randomUUID();
    byte[] poison = "{\"envelope\": not json".getBytes(StandardCharsets.UTF_8);
    TopicReader deadLetters = reader(Topics.deadLetter(Topics.CANDIDATES));
    TopicReader scoredGroups = reader(Topics.SCORED_GROUPS);

    producer.send(new ProducerRecord<>(Topics.CANDIDATES, key, poison)).get();
    // Same key, so the same partition: it is behind the poison record.
    send(
        Topics.CANDIDATES,
        key,
        group(
            jobId,
            "p-after-poison",
            Split.TRAIN,
            candidate(Candidate.NOISY, "zzz!"),
            candidate(Candidate.NOISY, "Tom ran home.")));

    ConsumerRecord<String, byte[]> dead =
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    deadLetters.poll().stream()
                        .filter(r -> key.equals(r.key()))
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    assertThat(dead.value()).isEqualTo(poison);
    Header originalTopic = dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
    assertThat(new String(originalTopic.value(), StandardCharsets.UTF_8))
        .isEqualTo(Topics.CANDIDATES);

    // The job was never published, so the fallback weights {chrf: 1.0} apply.
    ScoredGroup next = awaitOne(scoredGroups, ScoredGroup.class, jobId, "p-after-poison");
    assertThat(next.candidates()).extracting(ScoredCandidate::reward).containsExactly(0.0, 1.0);
    assertThat(next.candidates().get(1).components()).containsOnlyKeys("chrf");
    assertThat(next.selectedIndex()).isEqualTo(1);
  }

  private TopicReader reader(String topic) {
    TopicReader reader = new TopicReader(brokers, topic);
    readers.add(reader);
    return reader;
  }

  private void send(String topic, String key, Object value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, json.serialize(topic, value))).get();
  }

  private static <T> T awaitOne(TopicReader reader, Class<T> type, String jobId, String promptId) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> values(reader, type, jobId, promptId).stream().findFirst().orElse(null),
            Objects::nonNull);
  }

  /** Every record on the reader's topic keyed by {@code jobId} whose prompt is {@code promptId}. */
  private static <T> List<T> values(
      TopicReader reader, Class<T> type, String jobId, String promptId) {
    try (JacksonJsonDeserializer<T> deserializer = new JacksonJsonDeserializer<>(type)) {
      return reader.poll().stream()
          .filter(r -> jobId.equals(r.key()))
          .map(r -> deserializer.deserialize(r.topic(), r.value()))
          .filter(v -> promptId.equals(promptIdOf(v)))
          .toList();
    }
  }

  private static String promptIdOf(Object value) {
    if (value instanceof ScoredGroup g) {
      return g.promptId();
    }
    return ((EvaluationResult) value).promptId();
  }

  private static Candidate candidate(String variant, String text) {
    return new Candidate(
        variant, text, List.of(7, 2), List.of(-1.5f, -0.5f), Candidate.FINISH_STOP);
  }

  private static CandidateGroup group(
      String jobId, String promptId, Split split, Candidate... candidates) {
    return new CandidateGroup(
        Envelope.create(),
        jobId,
        promptId,
        split,
        "misspelling",
        "Tom ran hme",
        "Tom ran home",
        REFERENCE,
        0.4,
        2L,
        0.9f,
        List.of(1, 42, 43),
        List.of(candidates));
  }

  private static JobRecord job(String jobId, Map<String, Double> weights) {
    JobSpec spec =
        new JobSpec(
            "it", "stories260K", "grpo", 7, null, null, null, new RewardSpec(weights), null);
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
}
