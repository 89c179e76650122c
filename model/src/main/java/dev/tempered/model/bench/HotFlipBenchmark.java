package dev.tempered.model.bench;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.adversarial.HotFlip;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Prints prompts/s of HotFlip (edit budget 2, one gradient pass per flip) and of the random
 * substitution baseline against stories260K on CPU, for TinyStories first sentences with the second
 * as the reference. Not a test. Argument: {@code [prompts]}.
 */
public final class HotFlipBenchmark {

  private static final int BUDGET = 2;

  private HotFlipBenchmark() {}

  public static void main(String[] args) throws IOException {
    int limit = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    Path shared = SharedResources.require();
    ModelFiles files = ModelFiles.locate(shared.resolve("models"), "stories260K");
    LlamaWeights weights = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(weights.config().vocabSize());
    List<int[][]> pairs =
        pairs(tok, Files.readString(shared.resolve("data/tinystories/tinystories_val.txt")), limit);
    try (LlamaModel model = LlamaModel.create(weights, Device.cpu())) {
      HotFlip hotFlip =
          new HotFlip(model, IntStream.range(259, weights.config().vocabSize()).toArray());
      for (int round = 0; round < 2; round++) { // the first round warms up
        long start = System.nanoTime();
        double flipped = 0;
        for (int[][] p : pairs) {
          flipped += hotFlip.attack(p[0], p[1], BUDGET).loss();
        }
        double hotSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        double random = 0;
        SplittableRandom rng = new SplittableRandom(1);
        for (int[][] p : pairs) {
          random += hotFlip.random(p[0], p[1], BUDGET, rng).loss();
        }
        double randomSeconds = (System.nanoTime() - start) / 1e9;
        if (round == 1) {
          System.out.printf(
              "stories260K CPU, %d prompts, budget %d: HotFlip %.1f prompts/s (mean NLL %.3f),"
                  + " random %.1f prompts/s (mean NLL %.3f)%n",
              pairs.size(),
              BUDGET,
              pairs.size() / hotSeconds,
              flipped / pairs.size(),
              pairs.size() / randomSeconds,
              random / pairs.size());
        }
      }
    }
  }

  private static List<int[][]> pairs(Llama2cTokenizer tok, String text, int limit) {
    List<int[][]> pairs = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n|<\\|endoftext\\|>")) {
      String[] sentences = paragraph.strip().replaceAll("\\s+", " ").split("(?<=[.!?]) ");
      if (pairs.size() == limit || sentences.length < 2 || sentences[0].length() < 20) {
        continue;
      }
      int[] prompt = tok.encode(sentences[0], true, false);
      int[] full = tok.encode(sentences[0] + " " + sentences[1], true, false);
      if (full.length > prompt.length
          && Arrays.equals(Arrays.copyOf(full, prompt.length), prompt)) {
        pairs.add(new int[][] {prompt, Arrays.copyOfRange(full, prompt.length, full.length)});
      }
    }
    return pairs;
  }
}
