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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints prompts/s of every noise operator, grouped by family, on TinyStories validation prompts
 * (two sentences each, strength 0.5), with the one-off load time of each resource. Not a test:
 * timings depend on the machine. Arguments: {@code [prompts] [seconds per operator]}.
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
  }

  private static final double STRENGTH = 0.5;

  private NoiseBenchmark() {}

  public static void main(String[] args) {
    int limit = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
    Path shared = SharedResources.require();
    Path data = shared.resolve("data");
    List<Example> all = DatasetReader.read(data.resolve("tinystories/tinystories_val.txt"), 2);
    List<String> prompts =
        all.subList(0, Math.min(limit, all.size())).stream().map(Example::prompt).toList();
    double meanChars = prompts.stream().mapToInt(String::length).average().orElse(0);
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
    OperatorCatalog catalog = new OperatorCatalog(() -> misspellings, () -> wordNet, tokenizers);

    System.out.printf("%n%-10s %-14s %12s %14s%n", "family", "operator", "prompts/s", "ops/prompt");
    FAMILIES.forEach(
        (family, kinds) -> {
          for (String kind : kinds) {
            NoiseOperator op = catalog.create(kind, "stories260K");
            run(op, prompts); // warm-up, also fills the synonym cache as a long job would
            Result r = measure(op, prompts, seconds);
            System.out.printf(
                "%-10s %-14s %12.0f %14.2f%n", family, kind, r.promptsPerSecond, r.opsPerPrompt);
          }
        });
  }

  private record Result(double promptsPerSecond, double opsPerPrompt) {}

  private static Result measure(NoiseOperator op, List<String> prompts, double seconds) {
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

  private static long run(NoiseOperator op, List<String> prompts) {
    long ops = 0;
    for (int n = 0; n < prompts.size(); n++) {
      ops +=
          op.apply(prompts.get(n), STRENGTH, PromptRandom.forPrompt(7, Split.TRAIN, n))
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
