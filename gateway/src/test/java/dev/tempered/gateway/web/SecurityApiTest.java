package dev.tempered.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.gateway.TestJobs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Keys and roles (src/test/resources/config/application.yml), the open actuator endpoints, and the
 * request size limit, over a real port.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "tempered.gateway.max-request-size=4KB"
    })
@DirtiesContext
class SecurityApiTest {

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @LocalServerPort private int port;

  @Test
  void withoutAValidKeyEveryV1RequestIs401() {
    RestTestClient anonymous = TestClients.anonymous(port);
    anonymous
        .get()
        .uri("/v1/jobs")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer realm=\"tempered\"")
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401)
        .jsonPath("$.title")
        .isEqualTo("Unauthorized")
        .jsonPath("$.instance")
        .isEqualTo("/v1/jobs");
    post(anonymous, TestJobs.DEMO_JSON).expectStatus().isUnauthorized();
    TestClients.withKey(port, "not-a-configured-key-at-all")
        .get()
        .uri("/v1/jobs")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    // Deny by default: a path that is not exactly an open one needs a key.
    for (String path : new String[] {"//v1/jobs", "/v1//jobs", "/v1/jobs/", "/anything"}) {
      anonymous
          .get()
          .uri(URI.create("http://localhost:" + port + path))
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
    anonymous
        .get()
        .uri("/v1/jobs")
        .header("Authorization", "Basic " + TestClients.ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aKeyWithoutTheRoleIs403AndWithItPasses() {
    RestTestClient reader = TestClients.withKey(port, TestClients.READ_KEY);
    RestTestClient submitter = TestClients.withKey(port, TestClients.SUBMIT_KEY);

    post(reader, TestJobs.DEMO_JSON)
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("key 'test-reader' lacks the role submit that POST /v1/jobs needs");
    String id =
        JsonPathId.of(
            post(submitter, TestJobs.DEMO_JSON)
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    submitter.get().uri("/v1/jobs/{id}", id).exchange().expectStatus().isForbidden();
    reader.get().uri("/v1/jobs/{id}", id).exchange().expectStatus().isOk();
    reader.post().uri("/v1/jobs/{id}/cancel", id).exchange().expectStatus().isForbidden();
    submitter.post().uri("/v1/jobs/{id}/pause", id).exchange().expectStatus().isOk();
    // The same key in the X-API-Key header.
    TestClients.anonymous(port)
        .get()
        .uri("/v1/jobs/{id}", id)
        .header("X-API-Key", TestClients.READ_KEY)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("PAUSED");
  }

  @Test
  void actuatorServesHealthInfoAndPrometheusOnlyAndTheOpenApiDocumentIsOpen() {
    RestTestClient anonymous = TestClients.anonymous(port);
    anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
    anonymous.get().uri("/actuator/info").exchange().expectStatus().isOk();
    anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    for (String hidden : new String[] {"env", "beans", "configprops", "heapdump", "loggers"}) {
      TestClients.admin(port)
          .get()
          .uri("/actuator/" + hidden)
          .exchange()
          .expectStatus()
          .isNotFound();
    }
    anonymous.get().uri("/v3/api-docs.yaml").exchange().expectStatus().isOk();
    // the report page and its script hold no data; anything else under /ui/ needs a key
    anonymous.get().uri("/ui/jobs/job-any").exchange().expectStatus().isOk();
    anonymous.get().uri("/ui/report.js").exchange().expectStatus().isOk();
    anonymous.post().uri("/ui/jobs/job-any").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String padded =
        TestJobs.DEMO_JSON.replace("\"name\":\"demo\"", "\"name\":\"" + "x".repeat(5000) + "\"");
    post(TestClients.admin(port), padded)
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(PROBLEM)
        .expectBody()
        .jsonPath("$.detail")
        .value(
            String.class,
            d ->
                assertThat(d)
                    .isEqualTo(
                        "the request body has "
                            + padded.getBytes(StandardCharsets.UTF_8).length
                            + " bytes; at most 4096 are accepted"));
  }

  private static RestTestClient.ResponseSpec post(RestTestClient http, String body) {
    return http.post()
        .uri("/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange();
  }
}
