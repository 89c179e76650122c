package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.PpoSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PPO improves its own objective on stories260K with a fixed seed: on real TinyStories prompts
 * (each paragraph's first sentence) the policy samples up to 8 tokens, stopping at the end of story
 * or at a token that ends a sentence, and earns 1 when the completion ends a sentence (the rule of
 * reward-service's {@code sentence-end} component), else 0. After the steps, the same prompts
 * sampled with the same seeds from the trained policy score higher than from the base.
 */
class PpoLearnsTest {

  private static final int STEPS = 10;
  private static final int PROMPTS_PER_STEP = 4;
  private static final int CANDIDATES = 8;
  private static final int MAX_NEW_TOKENS = 8;

  @Test
  void meanSentenceEndRewardGoesUp() throws Exception {
    assumeTrue(
        SharedResources.find().isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): PPO learning test skipped");
    Path shared = SharedResources.require();
    ModelFiles files = ModelFiles.locate(shared.resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    List<int[]> prompts = prompts(shared.resolve("data/tinystories/tinystories_val.txt"), tok, 8);
    Set<Integer> stops = sentenceEndTokens(tok);
    TrainingSpec spec = spec();
    List<Double> stepRewards = new ArrayList<>();
    double before;
    double after;
    try (LlamaModel sampler = LlamaModel.create(base, Device.cpu());
        JobTrainer trainer = new JobTrainer(spec, "ppo", base, Device.cpu(), List.of())) {
      before = evaluate(sampler, tok, prompts, stops);
      for (int step = 0; step < STEPS; step++) {
        List<ScoredGroup> groups = new ArrayList<>();
        for (int g = 0; g < PROMPTS_PER_STEP; g++) {
          int[] prompt = prompts.get((step * PROMPTS_PER_STEP + g) % prompts.size());
          groups.add(group(sampler, tok, prompt, stops, 1000L * step + g, trainer.version()));
        }
        JobTrainer.StepResult result = trainer.train(trainer.batch(groups), 0, 0);
        assertThat(result.applied()).as("step %d applied", step).isTrue();
        assertThat(result.ppo().updates()).isEqualTo(4 * 2);
        stepRewards.add(result.metrics().rewardMean());
        sampler.load(trainer.nextCheckpoint()); // sample on-policy, as the sampler would
      }
      after = evaluate(sampler, tok, prompts, stops);
    }
    double first = stepRewards.subList(0, 3).stream().mapToDouble(d -> d).average().orElseThrow();
    double last =
        stepRewards.subList(STEPS - 3, STEPS).stream().mapToDouble(d -> d).average().orElseThrow();
    System.out.printf(
        "PPO sentence-end reward on stories260K: held-out %.4f -> %.4f; "
            + "training batches (mean of 3 steps) %.4f -> %.4f; per step %s%n",
        before, after, first, last, stepRewards);
    assertThat(after).isGreaterThan(before + 0.3);
    assertThat(last).isGreaterThan(first);
  }

  private static TrainingSpec spec() {
    PpoSpec ppo = new PpoSpec(null, null, null, null, 4, 2, null, null, null, null, null, null);
    return new TrainingSpec(
        STEPS,
        PROMPTS_PER_STEP,
        1e-3,
        0.0,
        0.0,
        0.2,
        0.2,
        1.0,
        STEPS,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        ppo,
        null);
  }

  /** Mean reward of 16 samples per prompt with fixed seeds. */
  private static double evaluate(
      LlamaModel model, Llama2cTokenizer tok, List<int[]> prompts, Set<Integer> stops) {
    double sum = 0;
    int n = 0;
    for (int p = 0; p < prompts.size(); p++) {
      List<int[]> batch = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        batch.add(prompts.get(p));
      }
      for (GeneratedSequence s : generate(model, batch, stops, 77_000 + p)) {
        sum += reward(tok, s);
        n++;
      }
    }
    return sum / n;
  }

  private static ScoredGroup group(
      LlamaModel model,
      Llama2cTokenizer tok,
      int[] prompt,
      Set<Integer> stops,
      long seed,
      long version) {
    List<int[]> batch = new ArrayList<>();
    for (int i = 0; i < CANDIDATES; i++) {
      batch.add(prompt);
    }
    List<ScoredCandidate> candidates = new ArrayList<>();
    for (GeneratedSequence s : generate(model, batch, stops, seed)) {
      List<Float> lps = new ArrayList<>();
      for (float lp : s.logprobs()) {
        lps.add(lp);
      }
      double r = reward(tok, s);
      candidates.add(
          new ScoredCandidate(
              tok.decodeContinuation(s.tokens()),
              Arrays.stream(s.tokens()).boxed().toList(),
              lps,
              s.finishReason(),
              Map.of("sentence-end", r),
              r,
              0));
    }
    return new ScoredGroup(
        Envelope.create(),
        "job",
        "p" + seed,
        "clean",
        version,
        1f,
        0,
        Arrays.stream(prompt).boxed().toList(),
        candidates,
        0,
        0,
        0);
  }

  private static List<GeneratedSequence> generate(
      LlamaModel model, List<int[]> prompts, Set<Integer> stops, long seed) {
    return Generator.generate(
        model, prompts, GenerationOptions.sampling(1f, MAX_NEW_TOKENS, stops, seed));
  }

  /** reward-service's sentence-end rule: the trimmed text ends in . ! ? (then maybe a quote). */
  private static double reward(Llama2cTokenizer tok, GeneratedSequence s) {
    String t = tok.decodeContinuation(s.tokens()).strip();
    if (!t.isEmpty() && (t.endsWith("\"") || t.endsWith("'"))) {
      t = t.substring(0, t.length() - 1);
    }
    return !t.isEmpty() && ".!?".indexOf(t.charAt(t.length() - 1)) >= 0 ? 1.0 : 0.0;
  }

  /** End of story and every token whose piece ends a sentence. */
  private static Set<Integer> sentenceEndTokens(Llama2cTokenizer tok) {
    Set<Integer> stops = new HashSet<>(Set.of(Llama2cTokenizer.EOS));
    for (int id = 3; id < tok.vocabSize(); id++) {
      String piece = tok.piece(id).strip();
      if (!piece.isEmpty() && ".!?".indexOf(piece.charAt(piece.length() - 1)) >= 0) {
        stops.add(id);
      }
    }
    return stops;
  }

  /** The first sentence of each of the first {@code count} paragraphs, BOS first. */
  private static List<int[]> prompts(Path file, Llama2cTokenizer tok, int count) throws Exception {
    List<int[]> out = new ArrayList<>();
    for (String paragraph : Files.readString(file, StandardCharsets.UTF_8).split("\n\\s*\n")) {
      String p = paragraph.strip();
      int end = p.indexOf(". ");
      if (end > 0 && out.size() < count) {
        out.add(tok.encode(p.substring(0, end + 1), true, false));
      }
    }
    return out;
  }
}
