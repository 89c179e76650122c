package dev.tempered.noise.paraphrase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.message.NoiseOp;
import dev.tempered.noise.operator.Misspellings;
import dev.tempered.noise.operator.NoiseOperator;
import dev.tempered.noise.operator.NoisyText;
import dev.tempered.noise.operator.OperatorCatalog;
import dev.tempered.noise.operator.Policies;
import dev.tempered.noise.operator.Tokenizers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code paraphrase} against the sampler's real {@code /v1/chat/completions} (the sampler jar run
 * as a process, stories260K at temperature 0.8), then against the same port after the sampler is
 * stopped: the operator's contract over real HTTP, and the clean pass-through with a counted
 * failure when the endpoint is down.
 *
 * <p>stories260K writes children's stories and does not follow instructions, so its "paraphrase" is
 * a story continuation of the template; the test checks what the operator does with whatever the
 * model returns, and that it is exactly what the endpoint answers for the same request.
 */
class ParaphraseSamplerIT {

  private static final String MODEL = "stories260K";
  private static final String TEXT = "Lily saw a big dog in the park. She wanted to pet it.";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void rewritesWithTheSamplersModelThenPassesCleanWhileItIsDown() throws Exception {
    NoiseOperator op;
    SamplerParaphrases paraphrases;
    try (SamplerProcess sampler = SamplerProcess.start()) {
      paraphrases = new SamplerParaphrases(settings(sampler.chatUrl()), meters);
      op = catalog(paraphrases).create("paraphrase", MODEL);

      NoisyText first = op.apply(TEXT, 1.0, new SplittableRandom(7));
      assertThat(op.apply(TEXT, 1.0, new SplittableRandom(7))).isEqualTo(first);
      assertThat(first.ops()).hasSize(1);
      NoiseOp change = first.ops().get(0);
      assertThat(change).isEqualTo(new NoiseOp("paraphrase", 0, TEXT.length(), TEXT, first.text()));
      assertThat(NoisyText.replay(TEXT, first.ops())).isEqualTo(first.text());
      // The seed the operator drew from SplittableRandom(7): its second draw, made non-negative.
      SplittableRandom seven = new SplittableRandom(7);
      seven.nextDouble();
      long seed = seven.nextLong() >>> 1;
      assertThat(first.text())
          .isEqualTo(directReply(sampler.chatUrl(), paraphrases, seed).strip())
          .isNotEqualTo(TEXT);
      double requests = requests();

      assertThat(op.apply(TEXT, 0.0, new SplittableRandom(7)).ops()).isEmpty();
      assertThat(requests()).as("strength 0 asks nothing").isEqualTo(requests);

      // Strength is the probability of a paraphrase: of 40 prompts at 0.25 about 10 are rewritten.
      int rewritten = 0;
      for (long s = 0; s < 40; s++) {
        NoisyText out = op.apply(TEXT, 0.25, new SplittableRandom(s));
        assertThat(NoisyText.replay(TEXT, out.ops())).isEqualTo(out.text());
        rewritten += out.ops().size();
      }
      assertThat(rewritten).isBetween(4, 16);
      assertThat(failures("unavailable")).isZero();
    }

    // The sampler is gone: the prompt passes clean after the two attempts, counted as unavailable.
    double before = requests();
    NoisyText down = op.apply(TEXT, 1.0, new SplittableRandom(7));
    assertThat(down.text()).isEqualTo(TEXT);
    assertThat(down.ops()).isEmpty();
    assertThat(failures("unavailable")).isEqualTo(1);
    assertThat(requests() - before).isEqualTo(2);
  }

  private static OperatorCatalog catalog(SamplerParaphrases paraphrases) {
    return new OperatorCatalog(
        () -> Misspellings.of(Map.of()),
        () -> {
          throw new IllegalStateException("WordNet is not needed");
        },
        new Tokenizers(
            () -> {
              throw new IllegalStateException("no tokenizer is needed");
            }),
        new Policies() {
          @Override
          public <T> T withPolicy(String jobId, String model, Task<T> task) {
            throw new IllegalStateException("no policy is needed");
          }
        },
        paraphrases);
  }

  private static ParaphraseProperties settings(URI url) {
    return new ParaphraseProperties(
        url,
        null,
        null,
        ParaphraseProperties.DEFAULT_TEMPLATE,
        0.8,
        32,
        Duration.ofSeconds(30),
        2,
        Duration.ofMillis(50),
        2.0);
  }

  /** The content the endpoint returns for the operator's own request body, sent by this test. */
  private String directReply(URI url, SamplerParaphrases paraphrases, long seed) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            paraphrases.requestBody(MODEL, TEXT, seed)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<?, ?> completion = json.readValue(response.body(), Map.class);
    Map<?, ?> choice = (Map<?, ?>) ((List<?>) completion.get("choices")).get(0);
    return (String) ((Map<?, ?>) choice.get("message")).get("content");
  }

  private double requests() {
    return meters.get(SamplerParaphrases.REQUESTS).counter().count();
  }

  private double failures(String reason) {
    return meters.get(SamplerParaphrases.FAILURES).tag("reason", reason).counter().count();
  }
}
