package dev.tempered.reward.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The judge against the sampler's real {@code /v1/chat/completions} (the sampler jar run as a
 * process, stories260K greedy), then against the same port after the sampler is stopped.
 *
 * <p>stories260K writes children's stories and cannot grade anything, so the template ends in a
 * count "1 2 3 4 5 6 7 8 9": for the candidate "zzz" its greedy continuation starts with "10"
 * (score 1.0), for "The dog ran away." with a quote mark (no number: unparsable). Both replies are
 * read back from the endpoint directly, so the test also shows the judge parses exactly what the
 * model said.
 */
class LlmJudgeSamplerIT {

  private static final String TEMPLATE = "{prompt} {candidate} Score: 1 2 3 4 5 6 7 8 9";
  private static final String PROMPT = "Lily saw a big dog.";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void judgesWithTheRealModelThenSurvivesItsOutage() throws Exception {
    LlmJudge judge;
    URI url;
    try (SamplerProcess sampler = SamplerProcess.start()) {
      url = sampler.chatUrl();
      judge = new LlmJudge(settings(url), meters);

      String numbered = directReply(url, judge, "zzz");
      String story = directReply(url, judge, "The dog ran away.");
      assertThat(numbered).startsWith("10");
      assertThat(story).doesNotContainPattern("[0-9]");

      assertThat(judge.score(PROMPT, "zzz", "The dog barked.")).isEqualTo(1.0);
      assertThat(judge.score(PROMPT, "The dog ran away.", "The dog barked.")).isNaN();
      assertThat(failures("unparsable")).isEqualTo(1);
      assertThat(requests()).isEqualTo(2);

      // The scored input again: from the cache, no request.
      assertThat(judge.score(PROMPT, "zzz", "The dog barked.")).isEqualTo(1.0);
      assertThat(requests()).isEqualTo(2);
    }

    // The sampler is gone: a new input fails as unavailable after its two attempts, the cached
    // score is still served.
    assertThat(judge.score(PROMPT, "A new answer.", "The dog barked.")).isNaN();
    assertThat(failures("unavailable")).isEqualTo(1);
    assertThat(requests()).isEqualTo(4);
    assertThat(judge.score(PROMPT, "zzz", "The dog barked.")).isEqualTo(1.0);
  }

  /** The content the endpoint returns for the judge's own request body, sent by this test. */
  private String directReply(URI url, LlmJudge judge, String candidate) throws Exception {
    String body =
        judge.requestBody(new JudgePrompt(TEMPLATE).render(PROMPT, candidate, "The dog barked."));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<?, ?> completion = json.readValue(response.body(), Map.class);
    Map<?, ?> choice = (Map<?, ?>) ((List<?>) completion.get("choices")).get(0);
    return (String) ((Map<?, ?>) choice.get("message")).get("content");
  }

  private static LlmJudgeProperties settings(URI url) {
    return new LlmJudgeProperties(
        url,
        "stories260K",
        null,
        TEMPLATE,
        Duration.ofSeconds(30),
        2,
        Duration.ofMillis(50),
        2.0,
        0,
        8,
        null,
        100);
  }

  private double failures(String reason) {
    return meters.get(LlmJudge.FAILURES).tag("reason", reason).counter().count();
  }

  private double requests() {
    return meters.get(LlmJudge.REQUESTS).counter().count();
  }
}
