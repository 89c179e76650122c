package dev.tempered.sampler.generation;

import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.llama.LlamaModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One timed {@link Generator#generate} call: the only place the sampler runs the model forward. */
public final class BatchGenerator {

  private static final Logger log = LoggerFactory.getLogger(BatchGenerator.class);
  private static final double NANOS_PER_SECOND = 1e9;

  private final GenerationListener listener;

  public BatchGenerator(GenerationListener listener) {
    this.listener = listener;
  }

  public List<GeneratedSequence> generate(
      LlamaModel model, List<int[]> rows, GenerationOptions options) {
    long start = System.nanoTime();
    List<GeneratedSequence> out = Generator.generate(model, rows, options);
    long nanos = System.nanoTime() - start;
    long tokens = out.stream().mapToLong(s -> s.tokens().length).sum();
    listener.onGenerate(rows.size(), tokens, nanos);
    log.info(
        "generated {} tokens for {} rows ({}) in {} ms: {} tokens/s",
        tokens,
        rows.size(),
        options.greedy() ? "greedy" : "T=" + options.temperature(),
        nanos / 1_000_000,
        Math.round(tokens * NANOS_PER_SECOND / Math.max(nanos, 1)));
    return out;
  }
}
