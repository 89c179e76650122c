package dev.tempered.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.tempered.gateway.TestJobs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Idempotent submission, paging, filtering and the state commands over a real port. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "tempered.gateway.cancel-grace=300ms",
      "tempered.gateway.cancel-sweep=100ms"
    })
@DirtiesContext
class JobControlApiTest {

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
  private static final ParameterizedTypeReference<List<String>> STRINGS =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort private int port;

  private RestTestClient http;

  @BeforeEach
  void client() {
    http = TestClients.admin(port);
  }

  @Test
  void theSameIdempotencyKeyAndBodyAnswer200WithTheOriginalJob() {
    String first =
        submit(TestJobs.DEMO_JSON, "demo-key-1")
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals("Idempotent-Replayed", "false")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String id = JsonPath.read(first, "$.id");

    // Same spec, other whitespace and key order: the same request.
    String reordered =
        TestJobs.DEMO_JSON
            .replace("\"chrf\":1.0,\"sentence-end\":0.1", "\"sentence-end\":0.1, \"chrf\":1.0")
            .replace("\n", " ");
    submit(reordered, "demo-key-1")
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Idempotent-Replayed", "true")
        .expectHeader()
        .valueEquals("Location", "http://localhost:" + port + "/v1/jobs/" + id)
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(id)
        .jsonPath("$.state")
        .isEqualTo("RUNNING");

    submit(TestJobs.DEMO_JSON.replace("\"candidates\":8", "\"candidates\":4"), "demo-key-1")
        .expectStatus()
        .isEqualTo(422)
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Idempotency key reused")
        .jsonPath("$.jobId")
        .isEqualTo(id)
        .jsonPath("$.idempotencyKey")
        .isEqualTo("demo-key-1");

    // Without a key every POST is a new job.
    String other = JsonPath.read(submitted(TestJobs.DEMO_JSON, null), "$.id");
    assertThat(other).isNotEqualTo(id);
  }

  @Test
  void anOverlongIdempotencyKeyIsABadRequest() {
    submit(TestJobs.DEMO_JSON, "k".repeat(256))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("Idempotency-Key")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be 1 to 255 non-blank characters");
  }

  @Test
  void theListPagesWithACursorAndFiltersByState() {
    String a = JsonPath.read(submitted(TestJobs.DEMO_JSON, null), "$.id");
    String b = JsonPath.read(submitted(TestJobs.DEMO_JSON, null), "$.id");
    String c = JsonPath.read(submitted(TestJobs.DEMO_JSON, null), "$.id");
    post("/v1/jobs/{id}/pause", b).expectStatus().isOk();

    String first = getBody("/v1/jobs?limit=2");
    assertThat(JsonPath.<List<String>>read(first, "$.jobs[*].id")).containsExactly(c, b);
    String cursor = JsonPath.read(first, "$.nextCursor");
    assertThat(cursor).isNotBlank();
    String second = getBody("/v1/jobs?limit=2&cursor=" + cursor);
    assertThat(JsonPath.<String>read(second, "$.jobs[0].id")).isEqualTo(a);

    String paused = getBody("/v1/jobs?status=PAUSED");
    assertThat(JsonPath.<List<String>>read(paused, "$.jobs[*].id"))
        .contains(b)
        .doesNotContain(a, c);
    assertThat(JsonPath.<List<String>>read(paused, "$.jobs[*].state")).containsOnly("PAUSED");
    assertThat(JsonPath.<Object>read(paused, "$.nextCursor")).isNull();
    String both = getBody("/v1/jobs?status=paused,running&limit=100");
    assertThat(JsonPath.<List<String>>read(both, "$.jobs[*].id")).contains(a, b, c);
  }

  @Test
  void badListParametersAreNamed() {
    http.get()
        .uri("/v1/jobs?status=DONE&limit=0")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(STRINGS, f -> assertThat(f).containsExactlyInAnyOrder("limit", "status"))
        .jsonPath("$.errors[?(@.field == 'status')].message")
        .value(
            STRINGS,
            m ->
                assertThat(m)
                    .containsExactly(
                        "unknown state 'DONE'; known: [QUEUED, VALIDATING, RUNNING, PAUSED,"
                            + " SUCCEEDED, FAILED, CANCELLING, CANCELLED]"));
    http.get()
        .uri("/v1/jobs?cursor=bm90LWEtY3Vyc29y!")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("cursor");
    http.get()
        .uri("/v1/jobs?limit=many")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("limit")
        .jsonPath("$.errors[0].message")
        .isEqualTo("expected an integer");
  }

  @Test
  void pauseResumeAndCancelFollowTheStateMachine() {
    String id = JsonPath.read(submitted(TestJobs.DEMO_JSON, null), "$.id");

    post("/v1/jobs/{id}/resume", id)
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Illegal state transition")
        .jsonPath("$.state")
        .isEqualTo("RUNNING")
        .jsonPath("$.detail")
        .isEqualTo("job '" + id + "' is RUNNING and cannot be resumed");
    post("/v1/jobs/{id}/pause", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("PAUSED");
    post("/v1/jobs/{id}/pause", id).expectStatus().isEqualTo(409);
    post("/v1/jobs/{id}/resume", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("RUNNING");
    post("/v1/jobs/{id}/cancel", id)
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("CANCELLING");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "CANCELLED".equals(JsonPath.read(getBody("/v1/jobs/" + id), "$.state")));
    post("/v1/jobs/{id}/cancel", id)
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("CANCELLED");
    post("/v1/jobs/{id}/pause", "job-nope").expectStatus().isNotFound();

    String events = getBody("/v1/jobs/" + id + "/events");
    assertThat(JsonPath.<List<String>>read(events, "$.events[*].to"))
        .containsExactly(
            "QUEUED", "VALIDATING", "RUNNING", "PAUSED", "RUNNING", "CANCELLING", "CANCELLED");
    assertThat(JsonPath.<List<Integer>>read(events, "$.events[*].id"))
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  private RestTestClient.ResponseSpec submit(String body, String key) {
    RestTestClient.RequestBodySpec request =
        http.post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.body(body).exchange();
  }

  private String submitted(String body, String key) {
    return submit(body, key)
        .expectStatus()
        .isCreated()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private RestTestClient.ResponseSpec post(String path, String id) {
    return http.post().uri(path, id).exchange();
  }

  private String getBody(String path) {
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
