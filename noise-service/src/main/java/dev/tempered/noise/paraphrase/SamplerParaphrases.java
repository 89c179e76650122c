package dev.tempered.noise.paraphrase;

import dev.tempered.api.chat.ChatCompletionsClient;
import dev.tempered.api.chat.ChatFailure;
import dev.tempered.noise.operator.Paraphrases;
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
 * Paraphrases sampled over chat completions: one user message from the template, the configured
 * temperature and the operator's seed. A failed request is counted by reason and logged; the prompt
 * then passes through clean and the job goes on.
 */
public final class SamplerParaphrases implements Paraphrases {

  public static final String REQUESTS = "tempered.noise.paraphrase.requests";
  public static final String FAILURES = "tempered.noise.paraphrase.failures";

  private static final Logger log = LoggerFactory.getLogger(SamplerParaphrases.class);

  private final ParaphraseProperties settings;
  private final ChatCompletionsClient client;
  private final Map<ChatFailure.Reason, Counter> failures = new EnumMap<>(ChatFailure.Reason.class);
  private final JsonMapper json = JsonMapper.builder().build();

  public SamplerParaphrases(ParaphraseProperties settings, MeterRegistry registry) {
    this.settings = settings;
    Counter requests =
        Counter.builder(REQUESTS)
            .description("HTTP requests sent for paraphrases, retries included")
            .register(registry);
    this.client = new ChatCompletionsClient(settings.client(), requests::increment);
    for (ChatFailure.Reason reason : ChatFailure.Reason.values()) {
      failures.put(
          reason,
          Counter.builder(FAILURES)
              .description("prompts the paraphrase model could not rewrite (they pass clean)")
              .tag("reason", reason.tag())
              .register(registry));
    }
  }

  @Override
  public Optional<String> rewrite(String model, String text, long seed) {
    try {
      return Optional.of(client.complete(requestBody(model, text, seed)));
    } catch (ChatFailure failure) {
      failures.get(failure.reason()).increment();
      log.warn(
          "paraphrase {} ({}): {}; the prompt passes through clean",
          failure.reason().tag(),
          settings.url(),
          failure.getMessage());
      return Optional.empty();
    }
  }

  /** The request: the configured model (else {@code model}), the filled template, sampling. */
  String requestBody(String model, String text, long seed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "model",
        settings.model() != null && !settings.model().isBlank() ? settings.model() : model);
    String message = settings.promptTemplate().replace("{text}", text);
    body.put("messages", List.of(Map.of("role", "user", "content", message)));
    body.put("temperature", settings.temperature());
    body.put("max_tokens", settings.maxTokens());
    body.put("seed", seed);
    return json.writeValueAsString(body);
  }
}
