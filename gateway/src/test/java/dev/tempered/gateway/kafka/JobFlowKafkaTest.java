package dev.tempered.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.TestJobs;
import dev.tempered.gateway.web.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A job from POST to SUCCEEDED through the embedded broker: the gateway writes it to the jobs
 * topic, learns progress, the last checkpoint and the held-out scores from their topics, and
 * reports.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@DirtiesContext
class JobFlowKafkaTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort private int port;

  @Value("${spring.embedded.kafka.brokers}")
  private String brokers;

  @Autowired private KafkaTemplate<String, Object> kafka;

  @Test
  void aJobRunsToSuccessAndReportsItsRobustness() {
    RestTestClient http = TestClients.admin(port);
    String body = TestJobs.DEMO_JSON.replace("\"heldOutPrompts\":200", "\"heldOutPrompts\":4");
    String id =
        JsonPath.read(
            http.post()
                .uri("/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody(),
            "$.id");

    try (Consumer<String, JobRecord> jobs = jobsConsumer()) {
      List<JobRecord> seen = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                jobs.poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (id.equals(r.key())) {
                            seen.add(r.value());
                          }
                        });
                return seen.stream().anyMatch(r -> r.state() == JobState.RUNNING);
              });
      assertThat(seen)
          .extracting(JobRecord::state)
          .startsWith(JobState.QUEUED, JobState.VALIDATING, JobState.RUNNING);
      assertThat(seen.get(2).spec().dataset().heldOutPrompts()).isEqualTo(4);

      publishTraining(id);

      await()
          .atMost(WAIT)
          .until(
              () -> {
                jobs.poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (id.equals(r.key())) {
                            seen.add(r.value());
                          }
                        });
                return seen.stream().anyMatch(r -> r.state() == JobState.SUCCEEDED);
              });
      JobRecord succeeded =
          seen.stream().filter(r -> r.state() == JobState.SUCCEEDED).findFirst().orElseThrow();
      assertThat(succeeded.step()).isEqualTo(40);
      assertThat(succeeded.latestCheckpointVersion()).isEqualTo(1);
      assertThat(succeeded.latestReward()).isEqualTo(0.42);
    }

    DocumentContext job =
        JsonPath.parse(
            http.get()
                .uri("/v1/jobs/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    assertThat(job.read("$.state", String.class)).isEqualTo("SUCCEEDED");
    assertThat(job.read("$.step", Integer.class)).isEqualTo(40);
    assertThat(job.read("$.totalSteps", Integer.class)).isEqualTo(40);
    assertThat(job.read("$.latestReward", Double.class)).isEqualTo(0.42);
    assertThat(job.read("$.latestLoss", Double.class)).isEqualTo(0.9);
    assertThat(job.read("$.policyVersion", Integer.class)).isEqualTo(1);
    assertThat(job.read("$.metrics.kl", Double.class)).isEqualTo(0.02);
    assertThat(job.read("$.metrics.tokensPerSecond", Double.class)).isEqualTo(850.0);
    assertThat(job.read("$.checkpoint.version", Integer.class)).isEqualTo(1);
    assertThat(job.read("$.checkpoint.step", Integer.class)).isEqualTo(40);
    assertThat(job.read("$.checkpoint.uri", String.class))
        .isEqualTo("file:/tmp/tempered/" + id + "/v1.bin");
    assertThat(job.read("$.checkpoint.sha256", String.class)).isEqualTo("9f86d081");

    DocumentContext report =
        JsonPath.parse(
            http.get()
                .uri("/v1/jobs/{id}/report", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    assertThat(report.read("$.versions.length()", Integer.class)).isEqualTo(2);
    assertThat(report.read("$.versions[0].complete", Boolean.class)).isTrue();
    assertThat(report.read("$.versions[0].scored", Integer.class)).isEqualTo(4);
    // version 0 noisy 0.2, 0.4, 0.3, 0.1 -> 0.25; clean 0.6 each -> gap 0.35
    assertThat(report.read("$.versions[0].meanNoisy", Double.class)).isCloseTo(0.25, within(1e-9));
    assertThat(report.read("$.versions[0].gap", Double.class)).isCloseTo(0.35, within(1e-9));
    // version 1 noisy 0.3, 0.6, 0.4, 0.3 -> 0.4; misspelling (p0, p2) 0.35, word-dropout 0.45
    assertThat(report.read("$.versions[1].meanNoisy", Double.class)).isCloseTo(0.4, within(1e-9));
    assertThat(report.read("$.versions[1].groups[0].group", String.class)).isEqualTo("misspelling");
    assertThat(report.read("$.versions[1].groups[0].meanNoisy", Double.class))
        .isCloseTo(0.35, within(1e-9));
    assertThat(report.read("$.versions[1].worstGroup", String.class)).isEqualTo("misspelling");
    assertThat(report.read("$.comparison.version", Integer.class)).isEqualTo(1);
    assertThat(report.read("$.comparison.pairedPrompts", Integer.class)).isEqualTo(4);
    assertThat(report.read("$.comparison.meanNoisyBefore", Double.class))
        .isCloseTo(0.25, within(1e-9));
    assertThat(report.read("$.comparison.meanNoisyAfter", Double.class))
        .isCloseTo(0.4, within(1e-9));
    // differences 0.1, 0.2, 0.1, 0.2 -> 0.15; every resample mean lies in [0.1, 0.2]
    assertThat(report.read("$.comparison.meanDifference", Double.class))
        .isCloseTo(0.15, within(1e-9));
    assertThat(report.read("$.comparison.ci95.lower", Double.class)).isBetween(0.1 - 1e-9, 0.15);
    assertThat(report.read("$.comparison.ci95.upper", Double.class)).isBetween(0.15, 0.2 + 1e-9);
    assertThat(report.read("$.comparison.ci95.resamples", Integer.class)).isEqualTo(10_000);

    String metrics =
        http.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    Matcher gauge =
        Pattern.compile(
                "tempered_robustness_score\\{[^}]*group=\"misspelling\""
                    + "[^}]*job_id=\""
                    + id
                    + "\"[^}]*variant=\"noisy\"[^}]*} (\\S+)")
            .matcher(metrics);
    assertThat(gauge.find()).as("robustness gauge in %s", metrics).isTrue();
    assertThat(Double.parseDouble(gauge.group(1))).isCloseTo(0.35, within(1e-9));
  }

  @Test
  void aTrainerFailureFailsTheJobWithItsError() {
    RestTestClient http = TestClients.admin(port);
    String id =
        JsonPath.read(
            http.post()
                .uri("/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(TestJobs.DEMO_JSON)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody(),
            "$.id");
    TrainingMetrics metrics =
        new TrainingMetrics(0.9, 0.85, 0.02, 2.1, 0.05, 0.7, 0.42, 0.1, 0.0, 0.4, 0, 850.0);
    send(Topics.ROLLOUTS, id, new Rollout(Envelope.create(), id, 1, 0, 8, metrics, List.of()));
    send(
        Topics.ROLLOUTS,
        id,
        Rollout.failed(id, 1, 0, 16, "cannot load model 'stories260K': disk gone"));

    String error = "trainer: cannot load model 'stories260K': disk gone";
    await()
        .atMost(WAIT)
        .until(() -> "FAILED".equals(read(http, "/v1/jobs/" + id).read("$.state", String.class)));
    DocumentContext job = read(http, "/v1/jobs/" + id);
    assertThat(job.read("$.error", String.class)).isEqualTo(error);
    assertThat(job.read("$.step", Integer.class)).isEqualTo(1);
    DocumentContext events = read(http, "/v1/jobs/" + id + "/events");
    List<Map<String, Object>> states = events.read("$.events[?(@.type == 'STATE')]");
    assertThat(states)
        .extracting(e -> e.get("from") + "->" + e.get("to"))
        .containsExactly(
            "null->QUEUED", "QUEUED->VALIDATING", "VALIDATING->RUNNING", "RUNNING->FAILED");
    assertThat(states.get(3).get("message")).isEqualTo(error);
    assertThat(states.get(3).get("at")).isNotNull();
    try (Consumer<String, JobRecord> jobs = jobsConsumer()) {
      List<JobRecord> seen = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                jobs.poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (id.equals(r.key())) {
                            seen.add(r.value());
                          }
                        });
                return seen.stream().anyMatch(r -> r.state() == JobState.FAILED);
              });
      assertThat(seen.get(seen.size() - 1).error()).isEqualTo(error);
    }
  }

  private static DocumentContext read(RestTestClient http, String uri) {
    return JsonPath.parse(
        http.get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopic() {
    String poison = "not json " + UUID.randomUUID();
    Map<String, Object> props = KafkaTestUtils.producerProps(brokers);
    var producers =
        new DefaultKafkaProducerFactory<String, String>(
            props, new StringSerializer(), new StringSerializer());
    try {
      new KafkaTemplate<>(producers).send(Topics.EVALUATIONS, "job-poison", poison).join();
    } finally {
      producers.destroy();
    }

    Map<String, Object> consumerProps =
        KafkaTestUtils.consumerProps(brokers, "dlt-" + UUID.randomUUID());
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (Consumer<String, byte[]> dlt =
        new DefaultKafkaConsumerFactory<>(
                consumerProps, new StringDeserializer(), new ByteArrayDeserializer())
            .createConsumer()) {
      dlt.subscribe(List.of(Topics.deadLetter(Topics.EVALUATIONS)));
      List<String> values = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : dlt.poll(Duration.ofMillis(200))) {
                  values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return values.contains(poison);
              });
    }
  }

  private void publishTraining(String id) {
    TrainingMetrics metrics =
        new TrainingMetrics(0.9, 0.85, 0.02, 2.1, 0.05, 0.7, 0.42, 0.1, 0.0, 0.4, 0, 850.0);
    send(Topics.ROLLOUTS, id, new Rollout(Envelope.create(), id, 40, 1, 320, metrics, List.of()));
    send(
        Topics.CHECKPOINTS,
        id,
        new CheckpointEvent(
            Envelope.create(),
            id,
            1,
            40,
            "file:/tmp/tempered/" + id + "/v1.bin",
            "9f86d081",
            4096,
            0.42,
            0.9,
            true));
    double[] before = {0.2, 0.4, 0.3, 0.1};
    double[] after = {0.3, 0.6, 0.4, 0.3};
    for (int p = 0; p < 4; p++) {
      String group = p % 2 == 0 ? "misspelling" : "word-dropout";
      send(Topics.EVALUATIONS, "p" + p, evaluation(id, "p" + p, group, 0, before[p]));
      send(Topics.EVALUATIONS, "p" + p, evaluation(id, "p" + p, group, 1, after[p]));
    }
  }

  private static EvaluationResult evaluation(
      String id, String promptId, String group, long version, double noisy) {
    return new EvaluationResult(
        Envelope.create(),
        id,
        promptId,
        group,
        version,
        0.6,
        noisy,
        "clean answer",
        "noisy answer");
  }

  private void send(String topic, String key, Object value) {
    kafka.send(topic, key, value).join();
  }

  private Consumer<String, JobRecord> jobsConsumer() {
    Map<String, Object> props = KafkaTestUtils.consumerProps(brokers, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Consumer<String, JobRecord> consumer =
        new DefaultKafkaConsumerFactory<>(
                props,
                new StringDeserializer(),
                new JacksonJsonDeserializer<>(JobRecord.class).ignoreTypeHeaders())
            .createConsumer();
    consumer.subscribe(List.of(Topics.JOBS));
    return consumer;
  }
}
