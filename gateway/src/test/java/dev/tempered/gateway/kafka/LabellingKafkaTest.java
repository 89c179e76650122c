package dev.tempered.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.GatewayApplication;
import dev.tempered.gateway.TestJobs;
import dev.tempered.gateway.web.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Labelling through the HTTP API on the embedded broker: scored groups of a job that asks for
 * labelling become pending pairs (at most maxPending), labels are taken once, a restarted gateway
 * has every pair and label, and the export is the preference file a DPO job reads ({@code
 * examples/labelled-pairs.jsonl}, which the trainer's tests read back and train on).
 */
class LabellingKafkaTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path EXAMPLE = Path.of("..", "examples", "labelled-pairs.jsonl");

  private static final String LILY = "Once upon a time, there was a litle girl named Lily.";
  private static final String LILY_CLEAN = "Once upon a time, there was a little girl named Lily.";
  private static final String LILY_TARGET = " She loved to play in the park with her friends.";
  private static final String LILY_WORST = " park park the the.";
  private static final String TOM = "Tom had a big red bal.";
  private static final String TOM_TARGET = " It was very happy.";
  private static final String TOM_WORST = " He liked to throw it high in the sky.";

  @Test
  void pairsAreOfferedLabelledKeptOverARestartAndExported() throws IOException {
    String body =
        TestJobs.DEMO_JSON.replace(
            "\"reward\":{\"weights\":{\"chrf\":1.0,\"sentence-end\":0.1}}",
            "\"reward\":{\"weights\":{\"chrf\":1.0,\"sentence-end\":0.1},"
                + "\"labelling\":{\"fraction\":1.0,\"maxPending\":4}}");
    assertThat(body).contains("maxPending");
    String id;
    String pairsBefore;
    try (ConfigurableApplicationContext first = start()) {
      RestTestClient http = TestClients.admin(port(first));
      id = JsonPath.read(submit(http, body), "$.id");
      KafkaTemplate<String, Object> kafka = template(first);
      send(kafka, group(id, "lily-1", LILY, LILY_CLEAN, " A cat.", LILY_TARGET, LILY_WORST));
      send(kafka, group(id, "tom-3", TOM, "Tom had a big red ball.", TOM_TARGET, TOM_WORST));
      send(kafka, group(id, "sun-3", "The sun was hot.", "The sun was hot.", " x", " y"));
      send(kafka, group(id, "dog-4", "A dog rn fast.", "A dog ran fast.", " p", " q"));
      send(kafka, tie(id, "tie-5"));
      // The queue holds 4 pending pairs: this one is turned away.
      send(kafka, group(id, "full-6", "Full.", "Full.", " m", " n"));
      await().atMost(WAIT).until(() -> ids(pending(http, id)).size() == 4);
      MeterRegistry meters = first.getBean(MeterRegistry.class);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  meters.counter("tempered.gateway.labelling.not.offered", "job", id).count()
                      == 1.0);

      String page = pending(http, id);
      assertThat(ids(page)).containsExactly("lily-1", "tom-3", "sun-3", "dog-4");
      assertThat(JsonPath.<Integer>read(page, "$.pending")).isEqualTo(4);
      assertThat(JsonPath.<String>read(page, "$.pairs[0].noisyPrompt")).isEqualTo(LILY);
      assertThat(JsonPath.<String>read(page, "$.pairs[0].cleanPrompt")).isEqualTo(LILY_CLEAN);
      assertThat(JsonPath.<String>read(page, "$.pairs[0].status")).isEqualTo("pending");
      assertThat(List.of(aOf(page, 0), bOf(page, 0)))
          .containsExactlyInAnyOrder(LILY_TARGET, LILY_WORST);
      assertThat(page).doesNotContain("Score").doesNotContain("targetIs");
      // The reward's pick is not always shown first: the order is a hash of the pair id
      // (SHA-256 byte 8 is even for lily-1 and odd for tom-3).
      assertThat(aOf(page, 0)).isEqualTo(LILY_TARGET);
      assertThat(bOf(page, 0)).isEqualTo(LILY_WORST);
      assertThat(aOf(page, 1)).isEqualTo(TOM_WORST);
      assertThat(bOf(page, 1)).isEqualTo(TOM_TARGET);

      String firstPage = get(http, "/v1/jobs/" + id + "/pairs?status=pending&limit=3");
      assertThat(ids(firstPage)).containsExactly("lily-1", "tom-3", "sun-3");
      String cursor = JsonPath.read(firstPage, "$.nextCursor");
      String secondPage =
          get(http, "/v1/jobs/" + id + "/pairs?status=pending&limit=3&cursor=" + cursor);
      assertThat(ids(secondPage)).containsExactly("dog-4");
      assertThat(JsonPath.<String>read(secondPage, "$.nextCursor")).isNull();

      // Lily: the labeller agrees with the reward; Tom: the labeller prefers the other answer.
      String lilyLabel = "a";
      String tomLabel = "a";
      label(http, id, "lily-1", lilyLabel)
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.label")
          .isEqualTo(lilyLabel)
          .jsonPath("$.status")
          .isEqualTo("labelled");
      label(http, id, "lily-1", lilyLabel).expectStatus().isOk();
      label(http, id, "tom-3", tomLabel).expectStatus().isOk();
      label(http, id, "sun-3", "tie").expectStatus().isOk();
      label(http, id, "dog-4", "skip").expectStatus().isOk();
      send(kafka, group(id, "late-7", "Late.", "Late.", " u", " v"));
      await().atMost(WAIT).until(() -> ids(pending(http, id)).equals(List.of("late-7")));
      pairsBefore = get(http, "/v1/jobs/" + id + "/pairs");
    }

    try (ConfigurableApplicationContext second = start()) {
      RestTestClient http = TestClients.admin(port(second));
      // No waiting: the restarted gateway read the labelling topic before it took requests.
      assertThat(get(http, "/v1/jobs/" + id + "/pairs")).isEqualTo(pairsBefore);
      String labelled = get(http, "/v1/jobs/" + id + "/pairs?status=labelled");
      assertThat(ids(labelled)).containsExactly("lily-1", "tom-3", "sun-3", "dog-4");
      assertThat(JsonPath.<List<String>>read(labelled, "$.pairs[2:4].label"))
          .containsExactly("tie", "skip");

      String other = JsonPath.<String>read(labelled, "$.pairs[0].label").equals("a") ? "b" : "a";
      label(http, id, "lily-1", other)
          .expectStatus()
          .isEqualTo(409)
          .expectBody()
          .jsonPath("$.title")
          .isEqualTo("Pair already labelled")
          .jsonPath("$.label")
          .isEqualTo(JsonPath.read(labelled, "$.pairs[0].label"));

      // Groups already considered are not considered again: full-6 stays out, new-8 comes in.
      send(template(second), group(id, "new-8", "New.", "New.", " s", " t"));
      await().atMost(WAIT).until(() -> ids(pending(http, id)).size() == 2);
      assertThat(ids(pending(http, id))).containsExactly("late-7", "new-8");

      var export =
          http.get()
              .uri("/v1/jobs/{id}/pairs/export", id)
              .exchange()
              .expectStatus()
              .isOk()
              .expectHeader()
              .valueEquals("Tempered-Pairs-Exported", "2")
              .expectHeader()
              .valueEquals("Tempered-Pairs-Ties", "1")
              .expectHeader()
              .valueEquals("Tempered-Pairs-Skipped", "1")
              .expectHeader()
              .valueEquals("Tempered-Pairs-Pending", "2")
              .expectBody(byte[].class)
              .returnResult();
      assertThat(export.getResponseHeaders().getContentType().toString())
          .startsWith("application/jsonl");
      String jsonl = new String(export.getResponseBody(), StandardCharsets.UTF_8);
      // Exactly the file the trainer's PreferenceFiles test reads and a DPO step trains on.
      assertThat(jsonl).isEqualTo(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
    }
  }

  @Test
  void badLabelsUnknownPairsAndRolesAreRefused() {
    String body =
        TestJobs.DEMO_JSON.replace(
            "\"reward\":{\"weights\":{\"chrf\":1.0,\"sentence-end\":0.1}}",
            "\"reward\":{\"weights\":{\"chrf\":1.0},\"labelling\":{\"maxPending\":0}}");
    try (ConfigurableApplicationContext gateway = start()) {
      int port = port(gateway);
      RestTestClient http = TestClients.admin(port);
      http.post()
          .uri("/v1/jobs")
          .contentType(MediaType.APPLICATION_JSON)
          .body(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("reward.labelling.maxPending");

      String id =
          JsonPath.read(submit(http, body.replace("\"maxPending\":0", "\"fraction\":1")), "$.id");
      send(template(gateway), group(id, "only-1", TOM, TOM, TOM_WORST, TOM_TARGET));
      await().atMost(WAIT).until(() -> ids(pending(http, id)).size() == 1);

      label(http, id, "only-1", "c")
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("preferred")
          .jsonPath("$.errors[0].message")
          .isEqualTo("must be one of [a, b, tie, skip]");
      label(http, id, "nope", "a")
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.title")
          .isEqualTo("Pair not found")
          .jsonPath("$.pairId")
          .isEqualTo("nope");
      label(http, "no-such-job", "only-1", "a").expectStatus().isNotFound();
      http.get()
          .uri("/v1/jobs/no-such-job/pairs/export")
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
      http.get()
          .uri("/v1/jobs/{id}/pairs?status=done", id)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("status");
      label(TestClients.withKey(port, TestClients.READ_KEY), id, "only-1", "a")
          .expectStatus()
          .isForbidden();
      get(TestClients.withKey(port, TestClients.READ_KEY), "/v1/jobs/" + id + "/pairs");
      label(TestClients.withKey(port, TestClients.SUBMIT_KEY), id, "only-1", "a")
          .expectStatus()
          .isOk();
    }
  }

  private static ScoredGroup group(
      String id, String pairId, String noisy, String clean, String... texts) {
    // The last two texts are T_k (S = 0.6) and the lowest-scored candidate (S = 0.1).
    List<ScoredCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      double s = i == texts.length - 2 ? 0.6 : i == texts.length - 1 ? 0.1 : 0.3;
      candidates.add(
          new ScoredCandidate(texts[i], List.of(5), List.of(-1f), "stop", Map.of("chrf", s), s, 0));
    }
    int k = texts.length - 2;
    return new ScoredGroup(
        new Envelope(1, pairId, Instant.now()),
        id,
        "prompt-" + pairId,
        "misspelling",
        3,
        1f,
        0.2,
        List.of(1, 5),
        candidates,
        k,
        0.3,
        0.2,
        null,
        List.of(new PreferencePair(k, k + 1, 0.6, 0.1)),
        0,
        clean,
        noisy);
  }

  private static ScoredGroup tie(String id, String pairId) {
    ScoredGroup g = group(id, pairId, "Tie.", "Tie.", " same", " same");
    return new ScoredGroup(
        g.envelope(),
        id,
        g.promptId(),
        g.group(),
        3,
        1f,
        0.2,
        g.promptTokenIds(),
        g.candidates(),
        0,
        0.3,
        0.0,
        null,
        List.of(),
        1,
        g.cleanText(),
        g.noisyText());
  }

  private static void send(KafkaTemplate<String, Object> kafka, ScoredGroup group) {
    kafka.send(Topics.SCORED_GROUPS, group.jobId(), group).join();
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .properties(
            Map.of(
                "server.port",
                "0",
                "spring.kafka.bootstrap-servers",
                System.getProperty("spring.embedded.kafka.brokers")))
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  @SuppressWarnings("unchecked")
  private static KafkaTemplate<String, Object> template(ConfigurableApplicationContext context) {
    return context.getBean(KafkaTemplate.class);
  }

  private static String submit(RestTestClient http, String body) {
    return http.post()
        .uri("/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static RestTestClient.ResponseSpec label(
      RestTestClient http, String id, String pairId, String preferred) {
    return http.post()
        .uri("/v1/jobs/{id}/pairs/{pair}/label", id, pairId)
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"preferred\":\"" + preferred + "\"}")
        .exchange();
  }

  private static String pending(RestTestClient http, String id) {
    return get(http, "/v1/jobs/" + id + "/pairs?status=pending");
  }

  private static List<String> ids(String page) {
    return JsonPath.read(page, "$.pairs[*].id");
  }

  private static String aOf(String page, int i) {
    return JsonPath.read(page, "$.pairs[" + i + "].a");
  }

  private static String bOf(String page, int i) {
    return JsonPath.read(page, "$.pairs[" + i + "].b");
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
}
