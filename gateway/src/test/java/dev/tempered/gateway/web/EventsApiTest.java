package dev.tempered.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.TestJobs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A job's events paged and streamed (with resume), and its checkpoints, over a real port. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "tempered.gateway.cancel-grace=300ms",
      "tempered.gateway.cancel-sweep=100ms"
    })
@DirtiesContext
class EventsApiTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, Object> kafka;

  private RestTestClient http;

  @BeforeEach
  void client() {
    http = TestClients.admin(port);
  }

  @Test
  void eventsArePagedAfterAnId() {
    String id = submit();

    String all = get("/v1/jobs/" + id + "/events");
    assertThat(JsonPath.<List<Integer>>read(all, "$.events[*].id")).containsExactly(1, 2, 3);
    assertThat(JsonPath.<List<String>>read(all, "$.events[*].type")).containsOnly("STATE");
    assertThat(JsonPath.<List<String>>read(all, "$.events[*].to"))
        .containsExactly("QUEUED", "VALIDATING", "RUNNING");
    assertThat(JsonPath.<List<Object>>read(all, "$.events[*].from"))
        .containsExactly(null, "QUEUED", "VALIDATING");
    assertThat(JsonPath.<String>read(all, "$.events[0].at")).startsWith("20");
    assertThat(JsonPath.<Integer>read(all, "$.next")).isEqualTo(3);
    assertThat(JsonPath.<Boolean>read(all, "$.more")).isFalse();

    String page = get("/v1/jobs/" + id + "/events?after=1&limit=1");
    assertThat(JsonPath.<List<Integer>>read(page, "$.events[*].id")).containsExactly(2);
    assertThat(JsonPath.<Integer>read(page, "$.next")).isEqualTo(2);
    assertThat(JsonPath.<Boolean>read(page, "$.more")).isTrue();
    String end = get("/v1/jobs/" + id + "/events?after=3");
    assertThat(JsonPath.<List<Integer>>read(end, "$.events")).isEmpty();
    assertThat(JsonPath.<Integer>read(end, "$.next")).isEqualTo(3);

    // curl and most clients send */*: they get the JSON page, not a stream.
    http.get()
        .uri("/v1/jobs/{id}/events", id)
        .header("Accept", "*/*")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    http.get()
        .uri("/v1/jobs/{id}/events?after=-1", id)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("after");
    http.get().uri("/v1/jobs/job-nope/events").exchange().expectStatus().isNotFound();
    http.get().uri("/v1/jobs/job-nope/checkpoints").exchange().expectStatus().isNotFound();
  }

  @Test
  void progressAndCheckpointsFromTheTopicsBecomeEventsAndCheckpoints() {
    String id = submit();
    TrainingMetrics metrics =
        new TrainingMetrics(0.9, 0.85, 0.02, 2.1, 0.05, 0.7, 0.42, 0.1, 0.0, 0.4, 0, 850.0);
    kafka
        .send(
            Topics.ROLLOUTS, id, new Rollout(Envelope.create(), id, 10, 1, 80, metrics, List.of()))
        .join();
    CheckpointEvent checkpoint =
        new CheckpointEvent(
            Envelope.create(),
            id,
            1,
            10,
            "file:/tmp/tempered/" + id + "/v1.bin",
            "9f86d081",
            4096,
            0.42,
            0.9,
            false);
    kafka.send(Topics.CHECKPOINTS, id, checkpoint).join();

    await()
        .atMost(WAIT)
        .until(
            () ->
                JsonPath.<List<?>>read(get("/v1/jobs/" + id + "/events"), "$.events").size() == 5);
    String events = get("/v1/jobs/" + id + "/events?after=3");
    assertThat(JsonPath.<List<String>>read(events, "$.events[*].type"))
        .containsExactlyInAnyOrder("PROGRESS", "CHECKPOINT");
    assertThat(
            JsonPath.<List<Double>>read(
                events, "$.events[?(@.type == 'PROGRESS')].metrics.rewardMean"))
        .containsExactly(0.42);
    assertThat(JsonPath.<List<Integer>>read(events, "$.events[?(@.type == 'PROGRESS')].step"))
        .containsExactly(10);
    assertThat(
            JsonPath.<List<Integer>>read(events, "$.events[?(@.type == 'PROGRESS')].policyVersion"))
        .containsExactly(1);
    assertThat(
            JsonPath.<List<String>>read(
                events, "$.events[?(@.type == 'CHECKPOINT')].checkpoint.sha256"))
        .containsExactly("9f86d081");

    String checkpoints = get("/v1/jobs/" + id + "/checkpoints");
    assertThat(JsonPath.<String>read(checkpoints, "$.jobId")).isEqualTo(id);
    assertThat(JsonPath.<Integer>read(checkpoints, "$.checkpoints.length()")).isEqualTo(1);
    assertThat(JsonPath.<Integer>read(checkpoints, "$.checkpoints[0].version")).isEqualTo(1);
    assertThat(JsonPath.<Integer>read(checkpoints, "$.checkpoints[0].step")).isEqualTo(10);
    assertThat(JsonPath.<Integer>read(checkpoints, "$.checkpoints[0].sizeBytes")).isEqualTo(4096);
    assertThat(JsonPath.<String>read(checkpoints, "$.checkpoints[0].uri"))
        .isEqualTo("file:/tmp/tempered/" + id + "/v1.bin");
    assertThat(JsonPath.<Boolean>read(checkpoints, "$.checkpoints[0].last")).isFalse();
  }

  @Test
  void theStreamResumesAfterLastEventIdFollowsLiveEventsAndEndsWithTheJob() throws Exception {
    String id = submit();
    URI uri = URI.create("http://localhost:" + port + "/v1/jobs/" + id + "/events");
    SseClient stream =
        new SseClient(
            uri, Map.of("Authorization", "Bearer " + TestClients.ADMIN_KEY, "Last-Event-ID", "2"));

    await().atMost(WAIT).until(() -> stream.events.size() == 1);
    assertThat(stream.status.get()).isEqualTo(200);
    assertThat(stream.ids()).containsExactly("3");
    assertThat(stream.events.get(0).name()).isEqualTo("state");
    assertThat(JsonPath.<String>read(stream.events.get(0).data(), "$.to")).isEqualTo("RUNNING");

    http.post().uri("/v1/jobs/{id}/pause", id).exchange().expectStatus().isOk();
    http.post().uri("/v1/jobs/{id}/cancel", id).exchange().expectStatus().isAccepted();

    stream.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(stream.ids()).containsExactly("3", "4", "5", "6");
    assertThat(stream.events.stream().map(e -> JsonPath.<String>read(e.data(), "$.to")).toList())
        .containsExactly("RUNNING", "PAUSED", "CANCELLING", "CANCELLED");

    // A stream of a finished job sends what is left after the given id and ends.
    SseClient replay =
        new SseClient(URI.create(uri + "?after=4"), Map.of("X-API-Key", TestClients.READ_KEY));
    replay.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(replay.ids()).containsExactly("5", "6");
  }

  private String submit() {
    return JsonPath.read(
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
  }

  private String get(String path) {
    return http.get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }
}
