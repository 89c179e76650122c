package dev.tempered.model.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.Autograd;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs many sampler-and-trainer steps on one model (generate a batch, then a teacher-forced
 * forward, backward and AdamW update on what was generated) and reads process memory along the way,
 * to show that every step frees its native arrays. {@code main} prints the readings.
 */
public final class MemoryFlatness {

  /** Resident memory and arrays alive on the model's manager, after a full GC. */
  public record Reading(int step, long residentKiB, int liveArrays) {}

  private static final int BATCH = 2;
  private static final int NEW_TOKENS = 4;

  private MemoryFlatness() {}

  public static void main(String[] args) throws IOException {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    LlamaWeights weights =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K").readWeights();
    try (LlamaModel model = LlamaModel.create(weights, Device.cpu())) {
      System.out.println("  step  resident MiB  live arrays");
      List<Reading> readings = run(model, steps, Math.max(1, steps / 10));
      readings.forEach(
          r ->
              System.out.printf(
                  "  %4d  %12.1f  %11d%n", r.step(), r.residentKiB() / 1024.0, r.liveArrays()));
      Reading warm = readings.get(1);
      Reading last = readings.get(readings.size() - 1);
      System.out.printf(
          "after warm-up (step %d) to step %d: resident %+.1f MiB, live arrays %+d%n",
          warm.step(),
          last.step(),
          (last.residentKiB() - warm.residentKiB()) / 1024.0,
          last.liveArrays() - warm.liveArrays());
    }
  }

  /**
   * Runs {@code steps} generate+train steps, reading memory before the first, then every {@code
   * every} steps and after the last.
   */
  public static List<Reading> run(LlamaModel model, int steps, int every) {
    Autograd.disableOnCurrentThread();
    model.parameters().values().forEach(p -> p.setRequiresGradient(true));
    AdamW optimizer = AdamW.withDefaults(model.parameters());
    List<Reading> readings = new ArrayList<>();
    try {
      readings.add(read(model, 0));
      for (int step = 1; step <= steps; step++) {
        trainOn(model, optimizer, generate(model, step));
        if (step % every == 0 || step == steps) {
          readings.add(read(model, step));
        }
      }
    } finally {
      optimizer.close();
    }
    return readings;
  }

  private static List<int[]> generate(LlamaModel model, int step) {
    List<int[]> prompts = new ArrayList<>();
    for (int b = 0; b < BATCH; b++) {
      // Prompts of different lengths, so every step also exercises left padding.
      int[] prompt = new int[1 + (b + step) % 5];
      prompt[0] = 1;
      for (int i = 1; i < prompt.length; i++) {
        prompt[i] = 3 + (step * 31 + b * 7 + i) % (model.config().vocabSize() - 3);
      }
      prompts.add(prompt);
    }
    List<GeneratedSequence> out =
        Generator.generate(
            model, prompts, GenerationOptions.sampling(1f, NEW_TOKENS, Set.of(2), step));
    List<int[]> rows = new ArrayList<>(prompts);
    out.forEach(s -> rows.add(s.tokens()));
    return rows;
  }

  private static void trainOn(
      LlamaModel model, AdamW optimizer, List<int[]> promptsThenCompletions) {
    List<int[]> prompts = promptsThenCompletions.subList(0, BATCH);
    List<int[]> completions = promptsThenCompletions.subList(BATCH, 2 * BATCH);
    NDManager manager = model.parameters().get("norm").getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      TokenBatch batch = TokenBatch.of(manager, prompts, completions);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logprobs = TeacherForcing.completionLogprobs(model, batch, 1f, true).logprobs();
        collector.backward(logprobs.mul(batch.completionMask()).sum().neg());
      }
      optimizer.clipGradientNorm(1.0);
      // A tiny learning rate: the point is the allocation pattern, not learning.
      optimizer.step(1e-6, 0.0);
    }
  }

  private static Reading read(LlamaModel model, int step) {
    System.gc();
    int live = model.parameters().get("norm").getManager().getManagedArrays().size();
    return new Reading(step, residentKiB(), live);
  }

  /** VmRSS of /proc/self/status in KiB (Linux). */
  public static long residentKiB() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> l.replaceAll("[^0-9]", ""))
          .mapToLong(Long::parseLong)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/self/status"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
