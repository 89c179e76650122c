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
  public static final Set<String> NOISE_KINDS = Set.of("misspelling", "word-dropout");
  public static final Set<String> SCHEDULES = Set.of("constant", "linear", "cosine");
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
    range(d.promptSentences(), 1, 8, "dataset.promptSentences");
    range(d.heldOutPrompts(), 1, 5000, "dataset.heldOutPrompts");
  }

  private void noise(NoiseSpec n) {
    if (n.operators() == null || n.operators().isEmpty()) {
      fail("noise.operators", "must list at least one operator");
    } else {
      for (int i = 0; i < n.operators().size(); i++) {
        operator(n.operators().get(i), "noise.operators[" + i + "]");
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
