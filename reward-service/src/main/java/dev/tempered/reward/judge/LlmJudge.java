package dev.tempered.reward.judge;

import dev.tempered.api.chat.ChatCompletionsClient;
import dev.tempered.api.chat.ChatFailure;
import dev.tempered.reward.scoring.FallibleRewardComponent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code llm-judge} component: asks an OpenAI-compatible endpoint to rate a candidate from 0 to
 * 10 and scores the parsed rating / 10. When the endpoint is down, slow or replies without a score
 * it returns NaN (so the candidate gets 0 for this component and {@code llm-judge.failed} = 1),
 * logs the reason and counts it; the group is scored and published all the same.
 */
public final class LlmJudge implements FallibleRewardComponent {

  public static final String FAILURES = "tempered.reward.judge.failures";
  public static final String REQUESTS = "tempered.reward.judge.requests";
  public static final String CACHE_HITS = "tempered.reward.judge.cache.hits";

  private static final Logger log = LoggerFactory.getLogger(LlmJudge.class);

  private final LlmJudgeProperties settings;
  private final JudgePrompt prompt;
  private final ChatCompletionsClient client;
  private final JudgeCache cache;
  private final Counter cacheHits;
  private final Map<JudgeFailure.Reason, Counter> failures =
      new EnumMap<>(JudgeFailure.Reason.class);
  private final JsonMapper json = JsonMapper.builder().build();

  public LlmJudge(LlmJudgeProperties settings, MeterRegistry registry) {
    this.settings = settings;
    this.prompt = new JudgePrompt(settings.promptTemplate());
    Counter requests =
        Counter.builder(REQUESTS)
            .description("HTTP requests sent to the LLM judge, retries included")
            .register(registry);
    this.client = new ChatCompletionsClient(settings.client(), requests::increment);
    this.cache = new JudgeCache(settings.cacheSize());
    this.cacheHits =
        Counter.builder(CACHE_HITS)
            .description("judge scores answered from the cache")
            .register(registry);
    for (JudgeFailure.Reason reason : JudgeFailure.Reason.values()) {
      failures.put(
          reason,
          Counter.builder(FAILURES)
              .description("candidates the LLM judge could not score (they get 0)")
              .tag("reason", reason.tag())
              .register(registry));
    }
  }

  @Override
  public double score(String candidate, String reference) {
    return score("", candidate, reference);
  }

  /** The judge's rating of {@code candidate} in [0, 1], or NaN when it failed. */
  @Override
  public double score(String promptText, String candidate, String reference) {
    String body = requestBody(prompt.render(promptText, candidate, reference));
    Optional<Double> cached = cache.get(body);
    if (cached.isPresent()) {
      cacheHits.increment();
      return cached.get();
    }
    try {
      double score = JudgeReplies.score(complete(body));
      cache.put(body, score);
      return score;
    } catch (JudgeFailure failure) {
      failures.get(failure.reason()).increment();
      log.warn(
          "llm-judge {} ({}): {}; the candidate scores 0 for llm-judge",
          failure.reason().tag(),
          settings.url(),
          failure.getMessage());
      return Double.NaN;
    }
  }

  private String complete(String body) throws JudgeFailure {
    try {
      return client.complete(body);
    } catch (ChatFailure failure) {
      throw new JudgeFailure(
          JudgeFailure.Reason.valueOf(failure.reason().name()),
          failure.getMessage(),
          failure.getCause());
    }
  }

  /** The whole request, also the cache key: model, message and sampling settings. */
  String requestBody(String userMessage) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("messages", List.of(Map.of("role", "user", "content", userMessage)));
    body.put("temperature", settings.temperature());
    body.put("max_tokens", settings.maxTokens());
    if (settings.seed() != null) {
      body.put("seed", settings.seed());
    }
    return json.writeValueAsString(body);
  }

  int cachedScores() {
    return cache.size();
  }
}
