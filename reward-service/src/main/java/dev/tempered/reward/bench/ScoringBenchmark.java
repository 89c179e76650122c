package dev.tempered.reward.bench;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.RewardModelRef;
import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.Split;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.reward.HfRewardModelFormat;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.RewardModelWeights;
import dev.tempered.model.reward.RewardSequences;
import dev.tempered.reward.model.JobModels;
import dev.tempered.reward.processing.GroupScorer;
import dev.tempered.reward.scoring.RewardComponents;
import dev.tempered.reward.scoring.RewardScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Prints scored groups per second for each reward component on the demo data: groups built from
 * TinyStories ({@code data/tinystories/tinystories_val.txt} under the shared directory) as the demo
 * job builds them, the sentence after a two-sentence prompt as the reference, and eight real
 * TinyStories sentences, drawn with a fixed seed, as the candidates. One thread, so the number is
 * per consumer thread; the service scales it with partitions and replicas.
 *
 * <p>The model-based components (fluency, reward-model) run stories260K on the CPU; run with {@code
 * -Dai.djl.pytorch.num_threads=1} for a per-thread number. Run (the classpath as the reward-service
 * README builds it): {@code java -cp "$CP" dev.tempered.reward.bench.ScoringBenchmark
 * [seconds-per-component]}
 */
public final class ScoringBenchmark {

  private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"']?)\\s+");
  private static final int PROMPT_SENTENCES = 2;
  private static final int CANDIDATES = 8;
  private static final int GROUPS = 2000;
  private static final String MODEL = "stories260K";

  private ScoringBenchmark() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    Path shared = SharedResources.require();
    Path data = shared.resolve("data/tinystories/tinystories_val.txt");
    List<CandidateGroup> groups = groups(Files.readString(data));
    Path checkpoints = Files.createTempDirectory("tempered-bench-reward-model");
    try (JobModels models =
        new JobModels(() -> shared.resolve("models"), checkpoints, Device.cpu())) {
      RewardComponents known = withModels(RewardComponents.standard(), shared, checkpoints, models);
      System.out.printf(
          "%d groups of %d candidates from %s; %.1f s per row, 1 thread%n",
          groups.size(), CANDIDATES, data, seconds);
      System.out.printf("%-28s %12s %14s%n", "weights", "groups/s", "candidates/s");
      for (Map.Entry<String, RewardScorer> row : scorers(known).entrySet()) {
        double rate = groupsPerSecond(groups, row.getValue(), seconds);
        System.out.printf("%-28s %12.1f %14.1f%n", row.getKey(), rate, rate * CANDIDATES);
      }
    }
  }

  /**
   * The regex component, fluency under stories260K and a reward model on the stories260K trunk with
   * a fresh head (as fast as a trained one), prompts and candidates up to 64 tokens each.
   */
  private static RewardComponents withModels(
      RewardComponents standard, Path shared, Path checkpoints, JobModels models)
      throws IOException {
    ModelFiles files = ModelFiles.locate(shared.resolve("models"), MODEL);
    HfRewardModelFormat.write(
        RewardModelWeights.initial(files.readWeights(), 7),
        new RewardSequences(64, 64),
        files.tokenizer(),
        RewardModelCheckpoints.directory(checkpoints, "bench", 1));
    return standard
        .withRegex("[.!?][\"']?$")
        .withModel(RewardComponents.FLUENCY, models.fluency(MODEL))
        .withModel(
            RewardComponents.REWARD_MODEL, models.rewardModel(new RewardModelRef("bench", 1L)));
  }

  private static Map<String, RewardScorer> scorers(RewardComponents known) {
    Map<String, RewardScorer> rows = new LinkedHashMap<>();
    for (String name : known.names()) {
      rows.put(name, new RewardScorer(Map.of(name, 1.0), known));
    }
    rows.put(
        "demo (chrf 1, sentence-end .1)",
        new RewardScorer(Map.of("chrf", 1.0, "sentence-end", 0.1), known));
    rows.put(
        "demo + targetSimilarity chrf",
        new RewardScorer(Map.of("chrf", 1.0, "sentence-end", 0.1), "chrf", known));
    Map<String, Double> text = new LinkedHashMap<>();
    known.names().stream()
        .filter(name -> !RewardComponents.MODEL_BASED.contains(name))
        .forEach(name -> text.put(name, 1.0));
    rows.put("all text components", new RewardScorer(text, known));
    Map<String, Double> all = new LinkedHashMap<>();
    known.names().forEach(name -> all.put(name, 1.0));
    rows.put("all components", new RewardScorer(all, known));
    return rows;
  }

  /** Half the time warms the JIT up, the other half is measured. */
  private static double groupsPerSecond(
      List<CandidateGroup> groups, RewardScorer scorer, double seconds) {
    Envelope envelope = Envelope.create();
    long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
    int i = 0;
    while (System.nanoTime() < warmUntil) {
      GroupScorer.scoreTraining(groups.get(i++ % groups.size()), scorer, envelope);
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 0.5e9);
    long scored = 0;
    double checksum = 0;
    while (System.nanoTime() < end) {
      checksum +=
          GroupScorer.scoreTraining(groups.get(i++ % groups.size()), scorer, envelope).rewardMean();
      scored++;
    }
    if (Double.isNaN(checksum)) {
      throw new IllegalStateException("a reward was NaN");
    }
    return scored / ((System.nanoTime() - start) / 1e9);
  }

  private static List<CandidateGroup> groups(String text) {
    List<List<String>> stories = new ArrayList<>();
    List<String> pool = new ArrayList<>();
    for (String paragraph : PARAGRAPHS.split(text)) {
      List<String> sentences = List.of(SENTENCE_END.split(paragraph.strip()));
      pool.addAll(sentences);
      if (sentences.size() > PROMPT_SENTENCES) {
        stories.add(sentences);
      }
    }
    Random random = new Random(7);
    List<CandidateGroup> groups = new ArrayList<>();
    for (int g = 0; g < GROUPS && g < stories.size(); g++) {
      List<String> story = stories.get(g);
      List<Candidate> candidates = new ArrayList<>();
      for (int c = 0; c < CANDIDATES; c++) {
        String text1 = " " + pool.get(random.nextInt(pool.size()));
        candidates.add(
            new Candidate(Candidate.NOISY, text1, List.of(), List.of(), Candidate.FINISH_STOP));
      }
      String prompt = String.join(" ", story.subList(0, PROMPT_SENTENCES));
      groups.add(
          new CandidateGroup(
              Envelope.create(),
              "bench",
              "p" + g,
              Split.TRAIN,
              "bench",
              prompt,
              prompt,
              story.get(PROMPT_SENTENCES),
              0.0,
              0L,
              1f,
              List.of(),
              candidates,
              List.of(),
              null,
              // a real sentence as the policy's clean answer, for the consistency row
              " " + pool.get(random.nextInt(pool.size()))));
    }
    return groups;
  }
}
