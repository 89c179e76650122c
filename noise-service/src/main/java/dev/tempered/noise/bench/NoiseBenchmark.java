package dev.tempered.noise.bench;

import dev.tempered.api.config.SharedResources;
import dev.tempered.api.message.Split;
import dev.tempered.noise.dataset.DatasetReader;
import dev.tempered.noise.dataset.Example;
import dev.tempered.noise.operator.Misspellings;
import dev.tempered.noise.operator.NoiseOperator;
import dev.tempered.noise.operator.OperatorCatalog;
import dev.tempered.noise.operator.PromptRandom;
import dev.tempered.noise.operator.Tokenizers;
import dev.tempered.noise.operator.WordNetSynonyms;
import dev.tempered.noise.paraphrase.ParaphraseProperties;
import dev.tempered.noise.paraphrase.SamplerParaphrases;
import dev.tempered.noise.policy.CurrentPolicies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints prompts/s of every noise operator, grouped by family, on TinyStories validation prompts
 * (two sentences each, strength 0.5), with the one-off load time of each resource. The model-backed
 * operators run on fewer prompts: {@code hotflip} against stories260K on the CPU, {@code
 * paraphrase} against the chat endpoint at {@code -Dtempered.noise.paraphrase.url} (default the
 * sampler's on localhost:8082; a paraphrase that fails passes clean and is counted). Not a test:
 * timings depend on the machine. Arguments: {@code [prompts] [seconds per operator] [model
 * prompts]}.
 */
public final class NoiseBenchmark {

  private static final Map<String, List<String>> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put(
        "character",
        List.of(
            "misspelling", "keyboard-typo", "char-swap", "char-drop", "char-insert", "char-case"));
    FAMILIES.put("word", List.of("word-dropout", "word-shuffle", "synonym"));
    FAMILIES.put("token", List.of("token-mask", "token-replace", "token-shuffle"));
    FAMILIES.put("adversarial", List.of("hotflip"));
    FAMILIES.put("paraphrase", List.of("paraphrase"));
  }

  private static final double STRENGTH = 0.5;
  private static final Set<String> MODEL_KINDS = Set.of("hotflip", "paraphrase");

  private NoiseBenchmark() {}

  public static void main(String[] args) {
    int limit = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
    int modelLimit = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Path shared = SharedResources.require();
    Path data = shared.resolve("data");
    List<Example> all = DatasetReader.read(data.resolve("tinystories/tinystories_val.txt"), 2);
    List<Example> prompts = all.subList(0, Math.min(limit, all.size()));
    double meanChars = prompts.stream().mapToInt(e -> e.prompt().length()).average().orElse(0);
    System.out.printf(
        "TinyStories validation: %d prompts of 2 sentences (mean %.1f characters), strength %.1f,"
            + " one thread, Java %s%n",
        prompts.size(), meanChars, STRENGTH, System.getProperty("java.version"));

    Misspellings misspellings =
        timed(
            "misspellings table", () -> Misspellings.load(data.resolve(Misspellings.DEFAULT_PATH)));
    WordNetSynonyms wordNet = timed("WordNet 3.1", WordNetSynonyms::load);
    Tokenizers tokenizers = new Tokenizers(() -> shared.resolve("models"));
    timed("tok512 tokenizer", () -> tokenizers.apply("stories260K"));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SamplerParaphrases paraphrases = new SamplerParaphrases(paraphraseSettings(), meters);
    CurrentPolicies policies = new CurrentPolicies(() -> shared.resolve("models"));
    OperatorCatalog catalog =
        new OperatorCatalog(() -> misspellings, () -> wordNet, tokenizers, policies, paraphrases);

    System.out.printf("%n%-11s %-14s %12s %14s%n", "family", "operator", "prompts/s", "ops/prompt");
    FAMILIES.forEach(
        (family, kinds) -> {
          for (String kind : kinds) {
            NoiseOperator op = catalog.create(kind, "stories260K");
            List<Example> some =
                MODEL_KINDS.contains(kind)
                    ? prompts.subList(0, Math.min(modelLimit, prompts.size()))
                    : prompts;
            run(op, some.subList(0, Math.min(some.size(), 8))); // warm-up: caches, JIT, model load
            if (!MODEL_KINDS.contains(kind)) {
              run(op, some); // also fills the synonym cache as a long job would
            }
            Result r = measure(op, some, seconds);
            System.out.printf(
                "%-11s %-14s %12.1f %14.2f%n", family, kind, r.promptsPerSecond, r.opsPerPrompt);
          }
        });
    policies.close();
    System.out.printf(
        "%nparaphrase requests %.0f, failures %.0f (%s)%n",
        meters.get(SamplerParaphrases.REQUESTS).counter().count(),
        meters.find(SamplerParaphrases.FAILURES).counters().stream()
            .mapToDouble(c -> c.count())
            .sum(),
        paraphraseSettings().url());
  }

  private static ParaphraseProperties paraphraseSettings() {
    return new ParaphraseProperties(
        URI.create(
            System.getProperty(
                "tempered.noise.paraphrase.url", "http://localhost:8082/v1/chat/completions")),
        null,
        null,
        ParaphraseProperties.DEFAULT_TEMPLATE,
        0.8,
        64,
        Duration.ofSeconds(60), // a loaded shared machine: a slow answer still counts
        1,
        Duration.ZERO,
        1.0);
  }

  private record Result(double promptsPerSecond, double opsPerPrompt) {}

  private static Result measure(NoiseOperator op, List<Example> prompts, double seconds) {
    long start = System.nanoTime();
    long done = 0;
    long ops = 0;
    do {
      ops += run(op, prompts);
      done += prompts.size();
    } while (System.nanoTime() - start < seconds * 1e9);
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(done / elapsed, ops / (double) done);
  }

  private static long run(NoiseOperator op, List<Example> prompts) {
    long ops = 0;
    for (int n = 0; n < prompts.size(); n++) {
      Example e = prompts.get(n);
      ops +=
          op.apply(e.prompt(), e.reference(), STRENGTH, PromptRandom.forPrompt(7, Split.TRAIN, n))
              .ops()
              .size();
    }
    return ops;
  }

  private static <T> T timed(String what, java.util.function.Supplier<T> load) {
    long start = System.nanoTime();
    T value = load.get();
    System.out.printf("loaded %-18s in %6.0f ms%n", what, (System.nanoTime() - start) / 1e6);
    return value;
  }
}
