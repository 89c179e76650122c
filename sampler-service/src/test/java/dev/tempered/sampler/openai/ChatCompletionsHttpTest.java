package dev.tempered.sampler.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.topic.Topics;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.sampler.Stories260K;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/chat/completions} over real HTTP on a random port with the real stories260K
 * model; greedy outputs are checked against the reference decoding in {@code MODEL.md}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.consumer.properties.metadata.max.age.ms=1000"
    })
@DirtiesContext
class ChatCompletionsHttpTest {

  /**
   * MODEL.md: greedy decoding from BOS alone begins with the ids 403 407 261 378 432 383 286 261
   * 376 298 and this text; decoded after BOS, which drops the first word's leading space.
   */
  private static final int[] BOS_AND_GREEDY_IDS = {
    1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298
  };

  private static final String GREEDY_TEXT =
      "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, Object> template;
  @TempDir Path checkpointDir;

  @BeforeAll
  static void requireSharedModel() {
    Stories260K.modelsDir();
  }

  @Test
  void greedyFromAnEmptyPromptIsTheReferenceStory() throws Exception {
    Map<String, Object> reply =
        ok(
            Map.of(
                "model",
                "stories260K",
                "messages",
                List.of(Map.of("role", "user", "content", "")),
                "temperature",
                0,
                "max_tokens",
                10));

    assertThat(reply.get("object")).isEqualTo("chat.completion");
    assertThat(reply.get("model")).isEqualTo("stories260K");
    assertThat(reply.get("system_fingerprint")).isEqualTo("stories260K@v0");
    assertThat((String) reply.get("id")).startsWith("chatcmpl-");
    Map<String, Object> choice = choices(reply).get(0);
    assertThat(choice.get("index")).isEqualTo(0);
    assertThat(choice.get("finish_reason")).isEqualTo("length");
    assertThat(message(choice))
        .containsEntry("role", "assistant")
        .containsEntry("content", Stories260K.tokenizer().decode(BOS_AND_GREEDY_IDS));
    assertThat(GREEDY_TEXT).startsWith((String) message(choice).get("content"));
    assertThat(reply.get("usage"))
        .isEqualTo(Map.of("prompt_tokens", 1, "completion_tokens", 10, "total_tokens", 11));
  }

  @Test
  void aStopStringEndsTheCompletionAndIsNotReturned() throws Exception {
    Map<String, Object> reply =
        ok(
            Map.of(
                "model",
                "stories260K",
                "messages",
                List.of(Map.of("role", "user", "content", "")),
                "temperature",
                0,
                "max_tokens",
                40,
                "stop",
                List.of(".", "zzz")));

    Map<String, Object> choice = choices(reply).get(0);
    assertThat(message(choice).get("content"))
        .isEqualTo("Once upon a time, there was a little girl named Lily");
    assertThat(choice.get("finish_reason")).isEqualTo("stop");
    // The completion tokens run up to the token that produced the '.', as in the reference text.
    Map<?, ?> usage = (Map<?, ?>) reply.get("usage");
    int completion = (Integer) usage.get("completion_tokens");
    assertThat(completion).isBetween(12, 16);
    assertThat(usage.get("total_tokens")).isEqualTo(completion + 1);
  }

  @Test
  void nChoicesWithASeedAreReproducible() throws Exception {
    Map<String, Object> request =
        Map.of(
            "model",
            "stories260K",
            "messages",
            List.of(
                Map.of("role", "system", "content", "Tell a story."),
                Map.of("role", "user", "content", "Tom had a red ball.")),
            "temperature",
            1.0,
            "max_tokens",
            12,
            "n",
            3,
            "seed",
            42);
    Map<String, Object> first = ok(request);
    Map<String, Object> second = ok(request);

    assertThat(choices(first)).hasSize(3).isEqualTo(choices(second));
    assertThat(choices(first)).extracting(c -> c.get("index")).containsExactly(0, 1, 2);
    // "Tell a story. Tom had a red ball." is BOS plus the tokens of the joined text.
    int promptTokens =
        Stories260K.tokenizer().encode("Tell a story. Tom had a red ball.", true, false).length;
    Map<?, ?> usage = (Map<?, ?>) first.get("usage");
    assertThat(usage.get("prompt_tokens")).isEqualTo(promptTokens);
    assertThat((Integer) usage.get("completion_tokens")).isBetween(3, 36);
  }

  @Test
  void badInputIsA400NamingTheField() throws Exception {
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("model", "stories260K");
    base.put("messages", List.of(Map.of("role", "user", "content", "Hi.")));

    assertError(with(base, "temperature", 2.5), 400, "temperature", "invalid_value");
    assertError(with(base, "top_p", 0), 400, "top_p", "invalid_value");
    assertError(with(base, "n", 0), 400, "n", "invalid_value");
    assertError(with(base, "max_tokens", 0), 400, "max_tokens", "invalid_value");
    assertError(with(base, "max_tokens", "ten"), 400, "max_tokens", "invalid_value");
    assertError(with(base, "stop", List.of("a", "b", "c", "d", "e")), 400, "stop", "invalid_value");
    assertError(with(base, "stream", true), 400, "stream", "invalid_value");
    assertError(with(base, "messages", List.of()), 400, "messages", "invalid_value");
    assertError(
        with(base, "messages", List.of(Map.of("role", "robot", "content", "x"))),
        400,
        "messages[0].role",
        "invalid_value");
    assertError(
        with(base, "messages", List.of(Map.of("role", "user", "content", 7))),
        400,
        "messages[0].content",
        "invalid_value");
    assertError(with(base, "max_tokens", 512), 400, "messages", "context_length_exceeded");
    assertError(with(base, "model", "no-such-model"), 404, "model", "model_not_found");
    assertError(with(base, "model", "../models"), 404, "model", "model_not_found");
    assertError(with(base, "model", "job:unknown"), 404, "model", "model_not_found");

    HttpResponse<String> notJson = post("{\"model\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(errorOf(notJson)).containsEntry("code", "invalid_json");
  }

  @Test
  void aJobNameServesThatJobsNewestPolicy() throws Exception {
    String jobId = "chat-" + UUID.randomUUID();
    Map<String, Object> request =
        Map.of(
            "model",
            "job:" + jobId,
            "messages",
            List.of(Map.of("role", "user", "content", "")),
            "temperature",
            0,
            "max_tokens",
            10);
    template.send(Topics.JOBS, jobId, job(jobId, JobState.RUNNING)).get();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> post(json.writeValueAsString(request)).statusCode() == 200);
    Map<String, Object> v0 = ok(request);
    assertThat(v0.get("system_fingerprint")).isEqualTo("stories260K@v0");
    assertThat(message(choices(v0).get(0)).get("content"))
        .isEqualTo(Stories260K.tokenizer().decode(BOS_AND_GREEDY_IDS));

    Path v1 = checkpointDir.resolve("v1.bin");
    Llama2cFormat.write(Stories260K.weights(), v1);
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
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> "stories260K@v1".equals(ok(request).get("system_fingerprint")));

    template.send(Topics.JOBS, jobId, job(jobId, JobState.SUCCEEDED)).get();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> post(json.writeValueAsString(request)).statusCode() == 404);
    assertError(request, 404, "model", "model_not_found");
  }

  private Map<String, Object> ok(Map<String, Object> request) throws Exception {
    HttpResponse<String> response = post(json.writeValueAsString(request));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readValue(response.body(), Map.class);
  }

  private void assertError(Map<String, Object> request, int status, String param, String code)
      throws Exception {
    HttpResponse<String> response = post(json.writeValueAsString(request));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    Map<String, Object> error = errorOf(response);
    assertThat(error).containsEntry("param", param).containsEntry("code", code);
    assertThat(error.get("type")).isEqualTo("invalid_request_error");
    assertThat((String) error.get("message")).isNotBlank();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> errorOf(HttpResponse<String> response) {
    return (Map<String, Object>) json.readValue(response.body(), Map.class).get("error");
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> choices(Map<String, Object> reply) {
    return (List<Map<String, Object>>) reply.get("choices");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(Map<String, Object> choice) {
    return (Map<String, Object>) choice.get("message");
  }

  private static JobRecord job(String jobId, JobState state) {
    JobSpec spec =
        new JobSpec(
            "chat-test",
            Stories260K.NAME,
            "grpo",
            1L,
            new DatasetSpec("tinystories/tinystories_val.txt", 2, 1),
            new NoiseSpec(
                List.of(new NoiseOperatorSpec("misspelling", 1.0, "typo")),
                new CurriculumSpec("constant", 0.5, 0.5)),
            new SamplingSpec(2, 0.9, 8),
            new RewardSpec(Map.of("chrf", 1.0)),
            new TrainingSpec(2, 1, 1e-3, 0.0, 0.0, 0.2, 0.2, 1.0, 1, 2));
    Instant now = Instant.now();
    return new JobRecord(
        Envelope.create(), jobId, spec, state, 0, null, null, null, null, null, now, now);
  }

  /** The topics the sampler reads exist before its listeners subscribe. */
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
  }
}
