package dev.tempered.reward.scoring;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reward components by the names job specs use ({@code reward.weights}); the same names as
 * {@code JobSpecValidator.REWARD_COMPONENTS}.
 */
public final class RewardComponents {

  public static final String CHRF = "chrf";
  public static final String CHRF_PLUS_PLUS = "chrf++";
  public static final String ROUGE_L = "rouge-l";
  public static final String BLEU = "bleu";
  public static final String EXACT_MATCH = "exact-match";
  public static final String NUMERIC_ANSWER = "numeric-answer";
  public static final String ANSWER_FORMAT = "answer-format";
  public static final String REGEX = "regex";
  public static final String SENTENCE_END = "sentence-end";
  public static final String LLM_JUDGE = "llm-judge";
  public static final String FLUENCY = "fluency";
  public static final String REWARD_MODEL = "reward-model";
  public static final String CONSISTENCY = "consistency";

  /**
   * The components a job's own models provide (its base model, its learned reward model): loaded
   * for the job that weights them, see {@link #withModel}.
   */
  public static final Set<String> MODEL_BASED = Set.of(FLUENCY, REWARD_MODEL);

  /** The components that compare two texts, so they can measure similarity to T_k. */
  public static final Set<String> SIMILARITIES = Set.of(CHRF, CHRF_PLUS_PLUS, ROUGE_L, BLEU);

  private final Map<String, RewardComponent> byName;

  private RewardComponents(Map<String, RewardComponent> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The components with chrF computed by {@code chrF} and chrF++ with sacreBLEU's defaults. */
  public static RewardComponents with(ChrF chrF) {
    return with(chrF, ChrF.plusPlus(false));
  }

  /** The components with chrF and chrF++ computed by the given scorers. */
  public static RewardComponents with(ChrF chrF, ChrF chrFPlusPlus) {
    Map<String, RewardComponent> byName = new HashMap<>();
    byName.put(CHRF, chrF::score);
    byName.put(CHRF_PLUS_PLUS, chrFPlusPlus::score);
    byName.put(ROUGE_L, RougeL::f1);
    byName.put(BLEU, Bleu::sentence);
    byName.put(EXACT_MATCH, ExactMatch::score);
    byName.put(NUMERIC_ANSWER, NumericAnswer::score);
    byName.put(ANSWER_FORMAT, (candidate, reference) -> NumericAnswer.format(candidate));
    byName.put(SENTENCE_END, (candidate, reference) -> SentenceEnd.score(candidate));
    byName.put(CONSISTENCY, new Consistency(chrF));
    return new RewardComponents(byName);
  }

  /** The components with sacreBLEU-default chrF and chrF++. */
  public static RewardComponents standard() {
    return with(ChrF.sacreBleuDefaults());
  }

  /**
   * These components plus the {@code regex} component for {@code regex}.
   *
   * @throws IllegalArgumentException when the pattern does not compile
   */
  public RewardComponents withRegex(String regex) {
    Map<String, RewardComponent> more = new HashMap<>(byName);
    more.put(REGEX, new RegexMatch(regex));
    return new RewardComponents(more);
  }

  /** These components plus the {@code llm-judge} component {@code judge}. */
  public RewardComponents withJudge(FallibleRewardComponent judge) {
    Map<String, RewardComponent> more = new HashMap<>(byName);
    more.put(LLM_JUDGE, judge);
    return new RewardComponents(more);
  }

  /** These components plus the model-based component {@code name} (one of {@link #MODEL_BASED}). */
  public RewardComponents withModel(String name, GroupRewardComponent component) {
    if (!MODEL_BASED.contains(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a model-based component " + new TreeSet<>(MODEL_BASED));
    }
    Map<String, RewardComponent> more = new HashMap<>(byName);
    more.put(name, component);
    return new RewardComponents(more);
  }

  /** Every known component name, sorted. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(byName.keySet());
    names.add(REGEX);
    names.addAll(MODEL_BASED);
    return names;
  }

  /**
   * The component called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown component and the known ones
   */
  public RewardComponent get(String name) {
    RewardComponent component = byName.get(name);
    if (component == null && REGEX.equals(name)) {
      throw new IllegalArgumentException("the regex reward component needs reward.regex");
    }
    if (component == null && MODEL_BASED.contains(name)) {
      throw new IllegalArgumentException(
          "the " + name + " reward component is loaded per job and was not loaded here");
    }
    if (component == null) {
      throw new IllegalArgumentException(
          "unknown reward component '" + name + "'; known: " + names());
    }
    return component;
  }

  /**
   * The similarity component called {@code name}, for {@code reward.targetSimilarity}.
   *
   * @throws IllegalArgumentException when {@code name} is not one of {@link #SIMILARITIES}
   */
  public RewardComponent similarity(String name) {
    if (!SIMILARITIES.contains(name)) {
      throw new IllegalArgumentException(
          "target similarity must be one of " + new TreeSet<>(SIMILARITIES) + ", was " + name);
    }
    return get(name);
  }
}
