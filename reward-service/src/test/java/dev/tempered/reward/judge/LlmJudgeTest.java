package dev.tempered.reward.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.reward.judge.CountingServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The judge client against loopback servers that count requests: scoring, cache, retries, failures.
 */
class LlmJudgeTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void scoresTheFirstNumberOverTenAndSendsTheRenderedPrompt() throws Exception {
    try (CountingServer server = new CountingServer(Reply.completion("Score: 7 out of 10"))) {
      LlmJudge judge = judge(server.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(10));

      assertThat(judge.score("Tom ran.", "He fell.", "He won.")).isEqualTo(0.7);

      assertThat(server.requests()).isEqualTo(1);
      Map<?, ?> body = JsonMapper.builder().build().readValue(server.bodies().get(0), Map.class);
      assertThat(body.get("model")).isEqualTo("stories260K");
      assertThat(body.get("messages"))
          .isEqualTo(
              java.util.List.of(
                  Map.of("role", "user", "content", "P=Tom ran. C=He fell. R=He won.")));
      assertThat(body.get("max_tokens")).isEqualTo(8);
      assertThat(((Number) body.get("temperature")).doubleValue()).isZero();
      assertThat(meters.get(LlmJudge.REQUESTS).counter().count()).isEqualTo(1);
    }
  }

  @Test
  void theCacheAnswersTheSameInputWithoutARequest() throws Exception {
    try (CountingServer server = new CountingServer(Reply.completion("9"))) {
      LlmJudge judge = judge(server.url(), Duration.ofSeconds(5), 1, Duration.ZERO);

      assertThat(judge.score("p", "c", "r")).isEqualTo(0.9);
      assertThat(judge.score("p", "c", "r")).isEqualTo(0.9);
      assertThat(server.requests()).isEqualTo(1);
      assertThat(meters.get(LlmJudge.CACHE_HITS).counter().count()).isEqualTo(1);

      // Any part of the input is part of the key: a new reference is a new request.
      assertThat(judge.score("p", "c", "other")).isEqualTo(0.9);
      assertThat(server.requests()).isEqualTo(2);
      assertThat(judge.cachedScores()).isEqualTo(2);
    }
  }

  @Test
  void retriesServerErrorsWithExponentialBackoff() throws Exception {
    try (CountingServer server =
        new CountingServer(Reply.status(503), Reply.status(500), Reply.completion("4"))) {
      LlmJudge judge = judge(server.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(100));

      long start = System.nanoTime();
      assertThat(judge.score("p", "c", "r")).isEqualTo(0.4);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(server.requests()).isEqualTo(3);
      // Waits of 100 ms then 200 ms (multiplier 2) before the 2nd and 3rd attempts.
      assertThat(millis).isGreaterThanOrEqualTo(300);
      assertThat(meters.get(LlmJudge.REQUESTS).counter().count()).isEqualTo(3);
      assertThat(failures("http-status")).isZero();
    }
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    try (CountingServer server = new CountingServer(Reply.status(400))) {
      LlmJudge judge = judge(server.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(10));

      assertThat(judge.score("p", "c", "r")).isNaN();
      assertThat(server.requests()).isEqualTo(1);
      assertThat(failures("http-status")).isEqualTo(1);
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutOnEveryAttempt() throws Exception {
    try (CountingServer server = new CountingServer(Reply.never())) {
      LlmJudge judge = judge(server.url(), Duration.ofMillis(300), 2, Duration.ofMillis(50));

      long start = System.nanoTime();
      assertThat(judge.score("p", "c", "r")).isNaN();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(server.requests()).isEqualTo(2);
      assertThat(millis).isBetween(650L, 10_000L);
      assertThat(failures("timeout")).isEqualTo(1);
    }
  }

  @Test
  void aClosedPortIsUnavailableAfterEveryAttempt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LlmJudge judge =
        judge(
            URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"),
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(10));

    assertThat(judge.score("p", "c", "r")).isNaN();
    assertThat(meters.get(LlmJudge.REQUESTS).counter().count()).isEqualTo(3);
    assertThat(failures("unavailable")).isEqualTo(1);
    // Failures are not cached: the endpoint is asked again once it may be back.
    assertThat(judge.cachedScores()).isZero();
  }

  @Test
  void repliesWithoutAScoreAreFailuresAndNotCached() throws Exception {
    try (CountingServer server =
        new CountingServer(Reply.completion("Lily liked the dog."), Reply.completion("15/10"))) {
      LlmJudge judge = judge(server.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(10));

      assertThat(judge.score("p", "c", "r")).isNaN();
      assertThat(judge.score("p", "c", "r")).isNaN();

      assertThat(server.requests()).isEqualTo(2);
      assertThat(failures("unparsable")).isEqualTo(2);
    }
  }

  @Test
  void aBodyThatIsNoCompletionIsABadResponse() throws Exception {
    try (CountingServer server = new CountingServer(new Reply(200, "{\"choices\":[]}"))) {
      LlmJudge judge = judge(server.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(10));

      assertThat(judge.score("p", "c", "r")).isNaN();
      assertThat(server.requests()).isEqualTo(1);
      assertThat(failures("bad-response")).isEqualTo(1);
    }
  }

  private LlmJudge judge(URI url, Duration timeout, int attempts, Duration backoff) {
    return new LlmJudge(JudgeSettings.of(url, timeout, attempts, backoff), meters);
  }

  private double failures(String reason) {
    return meters.get(LlmJudge.FAILURES).tag("reason", reason).counter().count();
  }
}
