package dev.tempered.model.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Prints sampler throughput (generated tokens/s) at several batch sizes and trainer throughput
 * (forward+backward tokens/s and the achieved share of libtorch's matmul FLOP/s) for stories260K
 * and a randomly initialised ~25M-parameter Llama, all measured side by side in one run. Not a
 * test: timings depend on the machine, so nothing here can fail a build.
 */
public final class ModelBenchmark {

  private static final int[] BATCHES = {1, 8, 64, 256, 512};
  private static final int NEW_TOKENS = 32;
  private static final int PROMPT_TOKENS = 16;
  private static final int TIMED_RUNS = 3;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ModelBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path models = SharedResources.require().resolve("models");
    LlamaWeights stories = ModelFiles.locate(models, "stories260K").readWeights();
    LlamaConfig c = stories.config();
    LlamaConfig large =
        new LlamaConfig(
            512,
            1376,
            8,
            8,
            8,
            c.vocabSize(),
            256,
            true,
            LlamaConfig.DEFAULT_ROPE_THETA,
            LlamaConfig.DEFAULT_NORM_EPS);
    System.out.printf(
        "engine %s, device cpu, torch intra-op threads %d, %d cores%n",
        Engine.getInstance().getEngineName(),
        JniUtils.getNumThreads(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("load average at start: %s%n", loadAverage());
    MatmulPeak peak = new MatmulPeak(MatmulPeak.shapes(large, 64 * (PROMPT_TOKENS + NEW_TOKENS)));
    peak.measure(true);
    report("stories260K", stories, BATCHES, peak);
    report("llama-25M (random)", LlamaWeights.random(large, 7), new int[] {1, 8, 64}, peak);
    System.out.printf("peak resident memory (VmHWM): %s%n", peakResidentMemory());
    System.out.printf("load average at end: %s%n", loadAverage());
  }

  private static void report(String name, LlamaWeights weights, int[] batches, MatmulPeak peak) {
    long params = weights.config().parameterCount();
    System.out.printf("%n%s: %,d parameters%n", name, params);
    // Thread CPU time shows the work itself on a shared machine; with one torch thread
    // (-Dai.djl.pytorch.num_threads=1) all of it runs on the calling thread.
    System.out.println("  batch  new tokens  seconds  generated tokens/s  tokens per thread CPU s");
    try (LlamaModel model = LlamaModel.create(weights, Device.cpu())) {
      for (int batch : batches) {
        generate(model, batch); // warm-up
        // Best of a few runs: on a shared machine the slowest runs measure the other jobs.
        double seconds = Double.MAX_VALUE;
        double cpuSeconds = Double.MAX_VALUE;
        int tokens = 0;
        for (int run = 0; run < TIMED_RUNS; run++) {
          long cpuStarted = THREADS.getCurrentThreadCpuTime();
          long started = System.nanoTime();
          tokens = generate(model, batch);
          seconds = Math.min(seconds, (System.nanoTime() - started) / 1e9);
          cpuSeconds = Math.min(cpuSeconds, (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
        }
        System.out.printf(
            "  %5d  %10d  %7.3f  %18.0f  %23.0f%n",
            batch, tokens, seconds, tokens / seconds, tokens / cpuSeconds);
      }
      double trainTokensPerSecond = trainingThroughput(model, 64);
      double achieved = 6.0 * params * trainTokensPerSecond;
      // Measured again next to the training run: a peak taken while other jobs held the cores
      // would otherwise let the ratio exceed 100%.
      double best = peak.measure(false);
      System.out.printf(
          "  training fwd+bwd, 64 x %d tokens: %.0f tokens/s, %.2f GFLOP/s = %.1f%% of matmul"
              + " peak %.2f GFLOP/s (%s)%n",
          PROMPT_TOKENS + NEW_TOKENS,
          trainTokensPerSecond,
          achieved / 1e9,
          100 * achieved / best,
          best / 1e9,
          peak.bestShape());
    }
  }

  private static int generate(LlamaModel model, int batch) {
    List<int[]> prompts = new ArrayList<>();
    Random random = new Random(batch);
    for (int b = 0; b < batch; b++) {
      prompts.add(randomTokens(random, model.config().vocabSize(), PROMPT_TOKENS));
    }
    List<GeneratedSequence> out =
        Generator.generate(model, prompts, GenerationOptions.sampling(1f, NEW_TOKENS, Set.of(), 1));
    return out.stream().mapToInt(s -> s.tokens().length).sum();
  }

  private static double trainingThroughput(LlamaModel model, int batch) {
    model.parameters().values().forEach(p -> p.setRequiresGradient(true));
    Random random = new Random(3);
    List<int[]> prompts = new ArrayList<>();
    List<int[]> completions = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      prompts.add(randomTokens(random, model.config().vocabSize(), PROMPT_TOKENS));
      completions.add(randomTokens(random, model.config().vocabSize(), NEW_TOKENS));
    }
    NDManager manager = model.parameters().get("norm").getManager();
    double best = 0;
    for (int round = 0; round < 3; round++) {
      long started = System.nanoTime();
      try (NDScope scope = new NDScope();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        scope.suppressNotUsedWarning();
        TokenBatch tokens = TokenBatch.of(manager, prompts, completions);
        NDArray loss = TeacherForcing.completionLogprobs(model, tokens, 1f, false).logprobs().sum();
        collector.backward(loss);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      best = Math.max(best, batch * (PROMPT_TOKENS + NEW_TOKENS) / seconds);
    }
    return best;
  }

  private static int[] randomTokens(Random random, int vocab, int length) {
    int[] tokens = new int[length];
    tokens[0] = 1;
    for (int i = 1; i < length; i++) {
      tokens[i] = 3 + random.nextInt(vocab - 3);
    }
    return tokens;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String peakResidentMemory() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmHWM"))
          .map(l -> l.substring(6).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
