package dev.tempered.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.gateway.TestJobs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** Every endpoint and error of the REST API over a real port, on the embedded broker. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@DirtiesContext
class JobApiTest {

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
  private static final ParameterizedTypeReference<List<String>> STRINGS =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort private int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  private RestTestClient http;

  @BeforeEach
  void client() {
    http = TestClients.admin(port);
  }

  @Test
  void submitAnswers201WithLocationAndTheRunningJob() {
    String location =
        http.post()
            .uri("/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .body(TestJobs.DEMO_JSON)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueMatches("Location", "http://localhost:\\d+/v1/jobs/job-[a-z2-7]{12}")
            .expectBody()
            .jsonPath("$.id")
            .value(String.class, id -> assertThat(id).matches("job-[a-z2-7]{12}"))
            .jsonPath("$.name")
            .isEqualTo("demo")
            .jsonPath("$.state")
            .isEqualTo("RUNNING")
            .jsonPath("$.step")
            .isEqualTo(0)
            .jsonPath("$.totalSteps")
            .isEqualTo(40)
            .jsonPath("$.checkpoint")
            .isEmpty()
            .jsonPath("$.spec.dataset.heldOutPrompts")
            .isEqualTo(200)
            .returnResult()
            .getResponseHeaders()
            .getLocation()
            .getPath();

    String id = location.substring("/v1/jobs/".length());
    http.get()
        .uri(location)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(id)
        .jsonPath("$.state")
        .isEqualTo("RUNNING")
        .jsonPath("$.submittedAt")
        .value(String.class, at -> assertThat(at).startsWith("20"));
  }

  @Test
  void listShowsTheNewestJobFirst() {
    String first = submit();
    String second = submit();

    http.get()
        .uri("/v1/jobs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.jobs[*].id")
        .value(STRINGS, ids -> assertThat(ids).contains(first, second))
        .jsonPath("$.jobs[0].id")
        .isEqualTo(second);
  }

  @Test
  void theReportOfAFreshJobHasNoVersionsYet() {
    String id = submit();

    http.get()
        .uri("/v1/jobs/{id}/report", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.jobId")
        .isEqualTo(id)
        .jsonPath("$.heldOutPrompts")
        .isEqualTo(200)
        .jsonPath("$.versions")
        .isEmpty()
        .jsonPath("$.comparison")
        .isEmpty();
  }

  @Test
  void invalidFieldsAreNamedByTheirPaths() {
    String body =
        TestJobs.DEMO_JSON
            .replace("\"steps\":40", "\"steps\":0")
            .replace("{\"kind\":\"misspelling\"", "{\"kind\":\"typo\"");

    post(body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.title")
        .isEqualTo("Invalid job spec")
        .jsonPath("$.instance")
        .isEqualTo("/v1/jobs")
        .jsonPath("$.errors[*].field")
        .value(
            STRINGS,
            fields ->
                assertThat(fields)
                    .containsExactlyInAnyOrder("training.steps", "noise.operators[0].kind"))
        .jsonPath("$.errors[?(@.field == 'training.steps')].message")
        .value(STRINGS, m -> assertThat(m).containsExactly("must be between 1 and 100000"));
  }

  @Test
  void malformedJsonIsABadRequest() {
    post("{\"name\": \"demo\", ")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Unreadable request body")
        .jsonPath("$.errors[0].message")
        .value(String.class, m -> assertThat(m).startsWith("malformed JSON"));
  }

  @Test
  void aMissingBodyIsABadRequest() {
    post("")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("")
        .jsonPath("$.errors[0].message")
        .isEqualTo("a JSON request body is required");
  }

  @Test
  void aWrongTypeNamesTheField() {
    post(TestJobs.DEMO_JSON.replace("\"steps\":40", "\"steps\":\"many\""))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("training.steps")
        .jsonPath("$.errors[0].message")
        .isEqualTo("expected an integer");
    post(TestJobs.DEMO_JSON.replace("\"seed\":7", "\"seed\":null"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("seed")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must not be null; expected an integer");
  }

  @Test
  void anUnknownPropertyIsRejectedWithItsPath() {
    post(TestJobs.DEMO_JSON.replace(
            "\"group\":\"word-dropout\"", "\"group\":\"word-dropout\",\"strength\":0.5"))
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("noise.operators[1].strength")
        .jsonPath("$.errors[0].message")
        .value(
            String.class,
            m ->
                assertThat(m)
                    .startsWith(
                        "unknown property 'strength'; known: [group, kind, weight, window]"));
  }

  @Test
  void unknownJobsAre404ProblemDetails() {
    http.get()
        .uri("/v1/jobs/job-nope")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.title")
        .isEqualTo("Job not found")
        .jsonPath("$.jobId")
        .isEqualTo("job-nope")
        .jsonPath("$.detail")
        .isEqualTo("no job with id 'job-nope'");
    http.get()
        .uri("/v1/jobs/job-nope/report")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM);
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheServedEndpoints() {
    String yaml =
        http.get()
            .uri("/v3/api-docs.yaml")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.parseMediaType("application/yaml"))
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    Map<String, Object> doc = new Yaml().load(yaml);
    assertThat(doc.get("openapi")).isEqualTo("3.1.0");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    Set<String> documented = new TreeSet<>();
    paths.forEach(
        (path, ops) -> ops.keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));
    Set<String> served = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .keySet()
        .forEach(
            info ->
                info.getPatternValues().stream()
                    .filter(p -> p.startsWith("/v1/") || p.startsWith("/ui/"))
                    .forEach(
                        p ->
                            info.getMethodsCondition()
                                .getMethods()
                                .forEach(m -> served.add(m.name() + " " + p))));
    assertThat(documented)
        .isEqualTo(served)
        .containsExactly(
            "GET /ui/jobs/{id}",
            "GET /v1/jobs",
            "GET /v1/jobs/{id}",
            "GET /v1/jobs/{id}/checkpoints",
            "GET /v1/jobs/{id}/events",
            "GET /v1/jobs/{id}/pairs",
            "GET /v1/jobs/{id}/pairs/export",
            "GET /v1/jobs/{id}/report",
            "POST /v1/jobs",
            "POST /v1/jobs/{id}/cancel",
            "POST /v1/jobs/{id}/pairs/{pairId}/label",
            "POST /v1/jobs/{id}/pause",
            "POST /v1/jobs/{id}/resume");
  }

  @Test
  void actuatorExposesHealthAndPrometheusButNotEnv() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    http.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(text -> assertThat(text).contains("application=\"gateway\""));
    http.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
  }

  private RestTestClient.ResponseSpec post(String body) {
    return http.post()
        .uri("/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange();
  }

  private String submit() {
    return JsonPathId.of(
        post(TestJobs.DEMO_JSON)
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }
}
