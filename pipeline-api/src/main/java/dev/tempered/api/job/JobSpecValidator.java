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

  public static final Set<String> ALGORITHMS =
      Set.of(JobSpec.GRPO, JobSpec.PPO, JobSpec.DPO, JobSpec.REWARD_MODEL);

  /** The algorithms that train from a preference file (dataset.format preferences). */
  public static final Set<String> OFFLINE_ALGORITHMS = Set.of(JobSpec.DPO, JobSpec.REWARD_MODEL);

  /** The algorithms that need no preference file: they learn from scored groups. */
  public static final Set<String> ONLINE_ALGORITHMS =
      Set.of(JobSpec.GRPO, JobSpec.PPO, JobSpec.DPO);

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
  public static final Set<String> DATASET_FORMATS =
      Set.of(DatasetSpec.TEXT, DatasetSpec.JSONL, DatasetSpec.PREFERENCES);
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
          "llm-judge",
          "fluency",
          "reward-model",
          "consistency");

  /**
   * The component that compares a training candidate with the policy's greedy answer to the clean
   * prompt; the sampler generates that answer only for jobs whose weights name it.
   */
  public static final String CONSISTENCY = "consistency";

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
  public static final Set<String> ADVERSARIAL_NORMS =
      Set.of(AdversarialSpec.LINF, AdversarialSpec.L2);

  /** The DPO losses {@code training.dpo.losses} may name (TRL's {@code loss_type} names). */
  public static final Set<String> DPO_LOSSES = Set.of("sigmoid", "ipo", "hinge", "robust");

  // The values of training.ppo's choices.
  public static final Set<String> KL_CONTROLLERS = Set.of(PpoSpec.FIXED, PpoSpec.ADAPTIVE);
  public static final Set<String> VALUE_MODELS = Set.of(PpoSpec.HEAD, PpoSpec.SEPARATE);

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
    if (spec.offline()) {
      offline(spec);
    } else {
      online(spec);
    }
    if (present(spec.training(), "training")) {
      training(spec.training());
      ppoPresence(spec);
      if (spec.training().rewardModel() != null) {
        rewardModelTraining(spec.training().rewardModel(), spec.algorithm());
      }
      if (spec.training().dpo() != null) {
        dpo(spec.training().dpo(), spec.algorithm());
      }
    }
  }

  /** A job of scored groups: noise, sampling and reward are what it learns from. */
  private void online(JobSpec spec) {
    require(
        spec.algorithm() == null
            || !ALGORITHMS.contains(spec.algorithm())
            || ONLINE_ALGORITHMS.contains(spec.algorithm()),
        "dataset.format",
        "must be " + DatasetSpec.PREFERENCES + " for algorithm " + spec.algorithm());
    if (present(spec.noise(), "noise")) {
      noise(spec.noise());
    }
    if (present(spec.sampling(), "sampling")) {
      sampling(spec.sampling());
    }
    if (present(spec.reward(), "reward")) {
      reward(spec.reward());
    }
  }

  /**
   * A job trained from a preference file alone: no service samples or scores for it, so a noise,
   * sampling or reward section would be silently ignored and is refused instead.
   */
  private void offline(JobSpec spec) {
    require(
        spec.algorithm() == null
            || !ALGORITHMS.contains(spec.algorithm())
            || OFFLINE_ALGORITHMS.contains(spec.algorithm()),
        "dataset.format",
        "preferences trains only the algorithms " + OFFLINE_ALGORITHMS);
    String unused = "is not used by a job trained from a preference file; remove it";
    require(spec.noise() == null, "noise", unused);
    require(spec.sampling() == null, "sampling", unused);
    require(spec.reward() == null, "reward", unused);
    require(
        spec.training() == null || spec.training().groupRobust() == null,
        "training.groupRobust",
        "needs data groups, which the pairs of a preference file do not have; remove it");
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
      if (d.promptSentences() == null) {
        fail("dataset.promptSentences", "is required for a text dataset (1 to 8)");
      } else {
        range(d.promptSentences(), 1, 8, "dataset.promptSentences");
      }
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
    if (n.evaluationStrengths() != null) {
      evaluationStrengths(n.evaluationStrengths());
    }
  }

  private void evaluationStrengths(List<Double> strengths) {
    require(
        !strengths.isEmpty() && strengths.size() <= 10,
        "noise.evaluationStrengths",
        "must list between 1 and 10 strengths (leave it out to evaluate at the curriculum's only)");
    for (int i = 0; i < strengths.size(); i++) {
      Double s = strengths.get(i);
      require(
          s != null && s >= 0 && s <= 1,
          "noise.evaluationStrengths[" + i + "]",
          "must be in [0, 1]");
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
    rewardModel(r.rewardModel(), weights.containsKey("reward-model"));
    if (r.regex() != null) {
      regex(r.regex());
    } else {
      require(
          !weights.containsKey("regex"),
          "reward.regex",
          "is required when reward.weights names regex");
    }
    if (r.labelling() != null) {
      labelling(r.labelling());
    }
  }

  private void labelling(LabellingSpec l) {
    if (l.fraction() != null) {
      require(
          l.fraction() > 0 && l.fraction() <= 1, "reward.labelling.fraction", "must be in (0, 1]");
    }
    if (l.maxPending() != null) {
      range(l.maxPending(), 1, 100_000, "reward.labelling.maxPending");
    }
  }

  private void rewardModel(RewardModelRef ref, boolean weighted) {
    if (ref == null) {
      require(
          !weighted, "reward.rewardModel", "is required when reward.weights names reward-model");
      return;
    }
    require(weighted, "reward.rewardModel", "is set but reward.weights does not name reward-model");
    require(
        ref.job() != null && SAFE_NAME.matcher(ref.job()).matches(),
        "reward.rewardModel.job",
        "must be the id of a reward-model job (letters, digits, '.', '_' or '-')");
    if (ref.version() != null) {
      range(ref.version(), 0, Long.MAX_VALUE, "reward.rewardModel.version");
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
    if (t.adversarial() != null) {
      adversarial(t.adversarial());
    }
  }

  private void adversarial(AdversarialSpec a) {
    String path = "training.adversarial";
    require(
        a.epsilon() != null && a.epsilon() > 0 && a.epsilon() <= 10,
        path + ".epsilon",
        "must be in (0, 10]");
    if (a.steps() != null) {
      range(a.steps(), 1, 20, path + ".steps");
    }
    if (a.stepSize() != null) {
      require(a.stepSize() > 0 && a.stepSize() <= 10, path + ".stepSize", "must be in (0, 10]");
    }
    oneOf(a.norm(), ADVERSARIAL_NORMS, path + ".norm");
  }

  /** {@code training.rewardModel}: only a reward-model job reads it. */
  private void rewardModelTraining(RewardModelSpec r, String algorithm) {
    String path = "training.rewardModel";
    if (!JobSpec.REWARD_MODEL.equals(algorithm)) {
      fail(path, "applies only to algorithm " + JobSpec.REWARD_MODEL + "; remove it");
      return;
    }
    if (r.maxPromptTokens() != null) {
      range(r.maxPromptTokens(), 2, 4096, path + ".maxPromptTokens");
    }
    if (r.maxCompletionTokens() != null) {
      range(r.maxCompletionTokens(), 1, 4096, path + ".maxCompletionTokens");
    }
    if (r.centerRewardsCoefficient() != null) {
      require(
          r.centerRewardsCoefficient() >= 0 && r.centerRewardsCoefficient() <= 10,
          path + ".centerRewardsCoefficient",
          "must be in [0, 10] (TRL: 0.01 when used)");
    }
  }

  /** {@code training.dpo}: only a dpo job reads it, so elsewhere it is refused, not ignored. */
  private void dpo(DpoSpec d, String algorithm) {
    if (!JobSpec.DPO.equals(algorithm)) {
      fail("training.dpo", "applies only to algorithm " + JobSpec.DPO + "; remove it");
      return;
    }
    if (d.beta() != null) {
      require(
          d.beta() > 0 && d.beta() <= 100, "training.dpo.beta", "must be in (0, 100] (TRL: 0.1)");
    }
    if (d.losses() != null) {
      require(
          !d.losses().isEmpty(), "training.dpo.losses", "must name at least one of " + DPO_LOSSES);
      d.losses()
          .forEach(
              (name, weight) -> {
                String path = "training.dpo.losses." + name;
                require(DPO_LOSSES.contains(name), path, "unknown loss; known: " + DPO_LOSSES);
                require(
                    weight != null && Double.isFinite(weight) && weight > 0,
                    path,
                    "must be a finite weight > 0");
              });
    }
    if (d.labelSmoothing() != null) {
      require(
          d.labelSmoothing() >= 0 && d.labelSmoothing() < 0.5,
          "training.dpo.labelSmoothing",
          "must be in [0, 0.5)");
    }
    if (d.maxPromptTokens() != null) {
      range(d.maxPromptTokens(), 2, 4096, "training.dpo.maxPromptTokens");
    }
    if (d.maxCompletionTokens() != null) {
      range(d.maxCompletionTokens(), 1, 4096, "training.dpo.maxCompletionTokens");
    }
  }

  /** training.ppo belongs to algorithm ppo only, and is checked when given. */
  private void ppoPresence(JobSpec spec) {
    PpoSpec p = spec.training().ppo();
    if (p == null) {
      return;
    }
    if (!JobSpec.PPO.equals(spec.algorithm())) {
      fail("training.ppo", "applies only to algorithm ppo");
      return;
    }
    int rows =
        spec.sampling() == null
            ? Integer.MAX_VALUE
            : spec.training().promptsPerStep() * spec.sampling().candidates();
    ppo(p, rows);
  }

  private void ppo(PpoSpec p, int rowsPerStep) {
    if (p.gamma() != null) {
      unit(p.gamma(), "training.ppo.gamma");
    }
    if (p.lambda() != null) {
      unit(p.lambda(), "training.ppo.lambda");
    }
    if (p.valueClip() != null) {
      require(
          p.valueClip() > 0 && p.valueClip() <= 100,
          "training.ppo.valueClip",
          "must be in (0, 100]");
    }
    if (p.valueCoef() != null) {
      require(
          p.valueCoef() >= 0 && p.valueCoef() <= 100,
          "training.ppo.valueCoef",
          "must be in [0, 100]");
    }
    if (p.epochs() != null) {
      range(p.epochs(), 1, 64, "training.ppo.epochs");
    }
    if (p.minibatches() != null) {
      range(p.minibatches(), 1, Math.min(1024, rowsPerStep), "training.ppo.minibatches");
    }
    oneOf(p.klController(), KL_CONTROLLERS, "training.ppo.klController");
    if (p.initKlCoef() != null) {
      require(
          p.initKlCoef() >= 0 && p.initKlCoef() <= 100,
          "training.ppo.initKlCoef",
          "must be in [0, 100]");
    }
    if (p.klTarget() != null) {
      require(
          p.klTarget() > 0 && Double.isFinite(p.klTarget()),
          "training.ppo.klTarget",
          "must be > 0");
    }
    if (p.klHorizon() != null) {
      require(
          p.klHorizon() > 0 && Double.isFinite(p.klHorizon()),
          "training.ppo.klHorizon",
          "must be > 0");
    }
    oneOf(p.valueModel(), VALUE_MODELS, "training.ppo.valueModel");
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
