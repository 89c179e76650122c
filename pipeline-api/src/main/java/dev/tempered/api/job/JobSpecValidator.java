package dev.tempered.api.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a whole job spec and names every bad field by its path. Pure: no I/O, so the gateway and
 * every service can run the same checks.
 */
public final class JobSpecValidator {

  public static final Set<String> ALGORITHMS = Set.of("grpo");
  public static final Set<String> NOISE_KINDS =
      Set.of(
          "misspelling",
          "word-dropout",
          "keyboard-typo",
          "char-swap",
          "char-drop",
          "char-insert",
          "char-case",
          "word-shuffle",
          "synonym",
          "token-mask",
          "token-replace",
          "token-shuffle",
          "hotflip",
          "paraphrase");
  public static final Set<String> SCHEDULES =
      Set.of("constant", "linear", "cosine", "step", "adaptive");
  public static final Set<String> DATASET_FORMATS = Set.of(DatasetSpec.TEXT, DatasetSpec.JSONL);
  public static final Set<String> WINDOWED_KINDS = Set.of("word-shuffle", "token-shuffle");
  public static final Set<String> REWARD_COMPONENTS =
      Set.of(
          "chrf",
          "chrf++",
          "rouge-l",
          "bleu",
          "exact-match",
          "numeric-answer",
          "answer-format",
          "regex",
          "sentence-end",
          "llm-judge");

  /** The components that compare two texts, usable as {@code reward.targetSimilarity}. */
  public static final Set<String> SIMILARITY_COMPONENTS =
      Set.of("chrf", "chrf++", "rouge-l", "bleu");

  private static final int MAX_REGEX_LENGTH = 500;

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern SAFE_RELATIVE_PATH = Pattern.compile("[A-Za-z0-9._/-]{1,300}");
  private static final Pattern FIELD_PATH =
      Pattern.compile("[A-Za-z0-9_$-]{1,100}(\\.[A-Za-z0-9_$-]{1,100}){0,7}");

  // The values of the optional GRPO fields of training.
  public static final Set<String> SCALE_REWARDS = Set.of("group", "batch", "none");
  public static final Set<String> LOSS_AGGREGATIONS =
      Set.of("token-mean", "sequence-mean", "dr-grpo");
  public static final Set<String> IMPORTANCE_LEVELS = Set.of("token", "sequence");

  private final List<FieldError> errors = new ArrayList<>();

  private JobSpecValidator() {}

  /** Every problem in {@code spec}; empty when it is valid. */
  public static List<FieldError> validate(JobSpec spec) {
    JobSpecValidator v = new JobSpecValidator();
    if (spec == null) {
      v.fail("", "a job spec is required");
      return v.errors;
    }
    v.top(spec);
    return List.copyOf(v.errors);
  }

  private void top(JobSpec spec) {
    require(spec.name() != null && !spec.name().isBlank(), "name", "must not be blank");
    if (spec.name() != null) {
      require(spec.name().length() <= 200, "name", "must be at most 200 characters");
    }
    require(
        spec.model() != null && SAFE_NAME.matcher(spec.model()).matches(),
        "model",
        "must be a model name of letters, digits, '.', '_' or '-' (e.g. stories260K)");
    require(
        spec.algorithm() != null && ALGORITHMS.contains(spec.algorithm()),
        "algorithm",
        "must be one of " + ALGORITHMS);
    if (present(spec.dataset(), "dataset")) {
      dataset(spec.dataset());
    }
    if (present(spec.noise(), "noise")) {
      noise(spec.noise());
    }
    if (present(spec.sampling(), "sampling")) {
      sampling(spec.sampling());
    }
    if (present(spec.reward(), "reward")) {
      reward(spec.reward());
    }
    if (present(spec.training(), "training")) {
      training(spec.training());
    }
  }

  private void dataset(DatasetSpec d) {
    String path = d.path();
    boolean safe =
        path != null
            && SAFE_RELATIVE_PATH.matcher(path).matches()
            && !path.startsWith("/")
            && !List.of(path.split("/")).contains("..");
    require(
        safe,
        "dataset.path",
        "must be a relative path under the data root without '..' (e.g. tinystories/tinystories_val.txt)");
    range(d.heldOutPrompts(), 1, 5000, "dataset.heldOutPrompts");
    String format = d.formatOrDefault();
    require(
        DATASET_FORMATS.contains(format), "dataset.format", "must be one of " + DATASET_FORMATS);
    if (DatasetSpec.TEXT.equals(format)) {
      range(d.promptSentences(), 1, 8, "dataset.promptSentences");
    }
    fieldPath(d.promptField(), "dataset.promptField");
    fieldPath(d.referenceField(), "dataset.referenceField");
  }

  private void fieldPath(String field, String path) {
    require(
        field == null || FIELD_PATH.matcher(field).matches(),
        path,
        "must be a JSON field name, dots for nested objects (e.g. question or meta.text)");
  }

  private void noise(NoiseSpec n) {
    if (n.operators() == null || n.operators().isEmpty()) {
      fail("noise.operators", "must list at least one operator");
    } else {
      for (int i = 0; i < n.operators().size(); i++) {
        operator(n.operators().get(i), "noise.operators[" + i + "]");
      }
      if (n.operatorsPerPrompt() != null) {
        range(n.operatorsPerPrompt(), 1, n.operators().size(), "noise.operatorsPerPrompt");
      }
    }
    CurriculumSpec c = n.curriculum();
    if (present(c, "noise.curriculum")) {
      require(
          c.schedule() != null && SCHEDULES.contains(c.schedule()),
          "noise.curriculum.schedule",
          "must be one of " + SCHEDULES);
      unit(c.startStrength(), "noise.curriculum.startStrength");
      unit(c.endStrength(), "noise.curriculum.endStrength");
      curriculumOptions(c);
    }
  }

  private void curriculumOptions(CurriculumSpec c) {
    if (c.stages() != null) {
      range(c.stages(), 2, 100, "noise.curriculum.stages");
    }
    if (c.tolerance() != null) {
      unit(c.tolerance(), "noise.curriculum.tolerance");
    }
    if (c.increment() != null) {
      require(
          c.increment() > 0 && c.increment() <= 1,
          "noise.curriculum.increment",
          "must be in (0, 1]");
    }
    if ("adaptive".equals(c.schedule())) {
      require(
          c.endStrength() >= c.startStrength(),
          "noise.curriculum.endStrength",
          "must be >= startStrength for the adaptive schedule, which only raises strength");
    }
  }

  private void operator(NoiseOperatorSpec op, String path) {
    if (!present(op, path)) {
      return;
    }
    require(
        op.kind() != null && NOISE_KINDS.contains(op.kind()),
        path + ".kind",
        "must be one of " + NOISE_KINDS);
    require(op.weight() > 0 && Double.isFinite(op.weight()), path + ".weight", "must be > 0");
    require(
        op.group() != null && SAFE_NAME.matcher(op.group()).matches(),
        path + ".group",
        "must be a label of letters, digits, '.', '_' or '-'");
    if (op.window() != null) {
      require(
          WINDOWED_KINDS.contains(op.kind()),
          path + ".window",
          "applies only to the kinds " + WINDOWED_KINDS);
      range(op.window(), 1, 16, path + ".window");
    }
  }

  private void sampling(SamplingSpec s) {
    range(s.candidates(), 2, 64, "sampling.candidates");
    require(
        s.temperature() > 0 && s.temperature() <= 5, "sampling.temperature", "must be in (0, 5]");
    range(s.maxNewTokens(), 1, 256, "sampling.maxNewTokens");
  }

  private void reward(RewardSpec r) {
    Map<String, Double> weights = r.weights();
    if (weights == null || weights.isEmpty()) {
      fail("reward.weights", "must name at least one component of " + REWARD_COMPONENTS);
      return;
    }
    weights.forEach(
        (name, w) -> {
          String path = "reward.weights." + name;
          require(
              REWARD_COMPONENTS.contains(name),
              path,
              "unknown component; known: " + REWARD_COMPONENTS);
          require(w != null && Double.isFinite(w) && w >= 0, path, "must be a finite weight >= 0");
        });
    if (r.targetSimilarity() != null) {
      require(
          SIMILARITY_COMPONENTS.contains(r.targetSimilarity()),
          "reward.targetSimilarity",
          "must be one of " + SIMILARITY_COMPONENTS + " or absent");
    }
    if (r.regex() != null) {
      regex(r.regex());
    } else {
      require(
          !weights.containsKey("regex"),
          "reward.regex",
          "is required when reward.weights names regex");
    }
  }

  private void regex(String regex) {
    if (regex.isEmpty() || regex.length() > MAX_REGEX_LENGTH) {
      fail("reward.regex", "must be a pattern of 1 to " + MAX_REGEX_LENGTH + " characters");
      return;
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      fail("reward.regex", "does not compile: " + e.getDescription());
    }
  }

  private void training(TrainingSpec t) {
    range(t.steps(), 1, 100_000, "training.steps");
    range(t.promptsPerStep(), 1, 1024, "training.promptsPerStep");
    require(
        t.learningRate() > 0 && t.learningRate() <= 1,
        "training.learningRate",
        "must be in (0, 1]");
    require(
        t.weightDecay() >= 0 && t.weightDecay() < 1, "training.weightDecay", "must be in [0, 1)");
    require(t.beta() >= 0 && Double.isFinite(t.beta()), "training.beta", "must be >= 0");
    require(t.epsilonLow() > 0 && t.epsilonLow() < 1, "training.epsilonLow", "must be in (0, 1)");
    require(
        t.epsilonHigh() > 0 && t.epsilonHigh() <= 10, "training.epsilonHigh", "must be in (0, 10]");
    require(
        t.maxGradNorm() > 0 && Double.isFinite(t.maxGradNorm()),
        "training.maxGradNorm",
        "must be > 0");
    range(t.checkpointEvery(), 1, 100_000, "training.checkpointEvery");
    range(t.maxStaleness(), 0, 1000, "training.maxStaleness");
    grpoOptions(t);
  }

  /** The optional GRPO fields: absent means the default. */
  private void grpoOptions(TrainingSpec t) {
    oneOf(t.scaleRewards(), SCALE_REWARDS, "training.scaleRewards");
    oneOf(t.lossAggregation(), LOSS_AGGREGATIONS, "training.lossAggregation");
    oneOf(t.importanceLevel(), IMPORTANCE_LEVELS, "training.importanceLevel");
    if (t.iterationsPerBatch() != null) {
      range(t.iterationsPerBatch(), 1, 64, "training.iterationsPerBatch");
    }
    if (t.truncatedIsCap() != null) {
      require(
          t.truncatedIsCap() >= 1 && t.truncatedIsCap() <= 1000,
          "training.truncatedIsCap",
          "must be in [1, 1000]");
    }
    if (t.groupRobust() != null) {
      require(
          t.groupRobust().eta() > 0 && t.groupRobust().eta() <= 10,
          "training.groupRobust.eta",
          "must be in (0, 10]");
    }
  }

  private void oneOf(String value, Set<String> allowed, String path) {
    require(value == null || allowed.contains(value), path, "must be one of " + allowed);
  }

  private boolean present(Object value, String path) {
    if (value == null) {
      fail(path, "is required");
      return false;
    }
    return true;
  }

  private void range(long value, long min, long max, String path) {
    require(value >= min && value <= max, path, "must be between " + min + " and " + max);
  }

  private void unit(double value, String path) {
    require(value >= 0 && value <= 1, path, "must be in [0, 1]");
  }

  private void require(boolean ok, String path, String message) {
    if (!ok) {
      fail(path, message);
    }
  }

  private void fail(String path, String message) {
    errors.add(new FieldError(path, message));
  }
}
