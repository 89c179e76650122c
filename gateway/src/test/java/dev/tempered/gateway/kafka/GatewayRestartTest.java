package dev.tempered.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.GatewayApplication;
import dev.tempered.gateway.TestJobs;
import dev.tempered.gateway.web.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A gateway stopped in the middle of a running job and started again on the same broker: the job,
 * its events and its idempotency key are all there at once, and the job goes on to succeed with its
 * history continued, not repeated.
 */
class GatewayRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TrainingMetrics METRICS =
      new TrainingMetrics(0.9, 0.85, 0.02, 2.1, 0.05, 0.7, 0.42, 0.1, 0.0, 0.4, 0, 850.0);

  @Test
  void aRestartedGatewayHasTheJobAndEveryEventAndTheJobFinishes() {
    String body = TestJobs.DEMO_JSON.replace("\"heldOutPrompts\":200", "\"heldOutPrompts\":2");
    String id;
    String eventsBefore;
    try (ConfigurableApplicationContext first = start()) {
      RestTestClient http = client(first);
      id =
          JsonPath.read(
              submit(http, body)
                  .expectStatus()
                  .isCreated()
                  .expectBody(String.class)
                  .returnResult()
                  .getResponseBody(),
              "$.id");
      http.post().uri("/v1/jobs/{id}/pause", id).exchange().expectStatus().isOk();
      http.post().uri("/v1/jobs/{id}/resume", id).exchange().expectStatus().isOk();
      KafkaTemplate<String, Object> kafka = template(first);
      kafka.send(Topics.ROLLOUTS, id, rollout(id, 10)).join();
      kafka.send(Topics.CHECKPOINTS, id, checkpoint(id, 1, 10, false)).join();
      await().atMost(WAIT).until(() -> count(get(http, "/v1/jobs/" + id + "/events")) == 7);
      eventsBefore = get(http, "/v1/jobs/" + id + "/events");
    }

    try (ConfigurableApplicationContext second = start()) {
      RestTestClient http = client(second);
      // No waiting: the restarted gateway read its topics before it took requests.
      String job = get(http, "/v1/jobs/" + id);
      assertThat(JsonPath.<String>read(job, "$.state")).isEqualTo("RUNNING");
      assertThat(JsonPath.<Integer>read(job, "$.step")).isEqualTo(10);
      assertThat(JsonPath.<Integer>read(job, "$.checkpoint.version")).isEqualTo(1);
      assertThat(get(http, "/v1/jobs/" + id + "/events")).isEqualTo(eventsBefore);
      List<String> types = JsonPath.read(eventsBefore, "$.events[*].type");
      assertThat(types.subList(0, 5)).containsOnly("STATE");
      // Rollouts and checkpoints come through separate listeners, in either order.
      assertThat(types.subList(5, 7)).containsExactlyInAnyOrder("PROGRESS", "CHECKPOINT");
      assertThat(
              JsonPath.<Integer>read(
                  get(http, "/v1/jobs/" + id + "/checkpoints"), "$.checkpoints[0].version"))
          .isEqualTo(1);
      submit(http, body).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);

      KafkaTemplate<String, Object> kafka = template(second);
      kafka.send(Topics.ROLLOUTS, id, rollout(id, 40)).join();
      kafka.send(Topics.CHECKPOINTS, id, checkpoint(id, 2, 40, true)).join();
      for (String prompt : List.of("p0", "p1")) {
        kafka
            .send(
                Topics.EVALUATIONS,
                prompt,
                new EvaluationResult(
                    Envelope.create(), id, prompt, "misspelling", 2, 0.6, 0.5, "a", "b"))
            .join();
      }
      await()
          .atMost(WAIT)
          .until(() -> "SUCCEEDED".equals(JsonPath.read(get(http, "/v1/jobs/" + id), "$.state")));

      String events = get(http, "/v1/jobs/" + id + "/events");
      assertThat(JsonPath.<List<Integer>>read(events, "$.events[*].id"))
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      assertThat(JsonPath.<List<Integer>>read(events, "$.events[?(@.type == 'PROGRESS')].step"))
          .containsExactly(10, 40);
      assertThat(JsonPath.<List<String>>read(events, "$.events[*].to"))
          .containsExactly(
              "QUEUED",
              "VALIDATING",
              "RUNNING",
              "PAUSED",
              "RUNNING",
              null,
              null,
              null,
              null,
              "SUCCEEDED");
      assertThat(
              JsonPath.<List<Integer>>read(
                  get(http, "/v1/jobs/" + id + "/checkpoints"), "$.checkpoints[*].version"))
          .containsExactly(1, 2);
    }
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .properties(
            Map.of(
                "server.port", "0",
                "spring.kafka.bootstrap-servers",
                    System.getProperty("spring.embedded.kafka.brokers"),
                "tempered.gateway.progress-interval", "0s"))
        .run();
  }

  private static RestTestClient client(ConfigurableApplicationContext context) {
    return TestClients.admin(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @SuppressWarnings("unchecked")
  private static KafkaTemplate<String, Object> template(ConfigurableApplicationContext context) {
    return context.getBean(KafkaTemplate.class);
  }

  private static RestTestClient.ResponseSpec submit(RestTestClient http, String body) {
    return http.post()
        .uri("/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", "restart-test-key")
        .body(body)
        .exchange();
  }

  private static String get(RestTestClient http, String path) {
    return http.get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static int count(String events) {
    return JsonPath.<List<?>>read(events, "$.events").size();
  }

  private static Rollout rollout(String id, long step) {
    return new Rollout(Envelope.create(), id, step, step / 10, step * 8, METRICS, List.of());
  }

  private static CheckpointEvent checkpoint(String id, long version, long step, boolean last) {
    return new CheckpointEvent(
        Envelope.create(),
        id,
        version,
        step,
        "file:/tmp/tempered/" + id + "/v" + version + ".bin",
        "sha" + version,
        4096,
        0.42,
        0.9,
        last);
  }
}
