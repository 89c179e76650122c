package dev.tempered.reward.scoring;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reward components by the names job specs use ({@code reward.weights}); the same names as
 * {@code JobSpecValidator.REWARD_COMPONENTS}.
 */
public final class RewardComponents {

  public static final String CHRF = "chrf";
  public static final String SENTENCE_END = "sentence-end";

  private final Map<String, RewardComponent> byName;

  private RewardComponents(Map<String, RewardComponent> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The components with chrF computed by {@code chrF}. */
  public static RewardComponents with(ChrF chrF) {
    return new RewardComponents(
        Map.of(
            CHRF,
            chrF::score,
            SENTENCE_END,
            (candidate, reference) -> SentenceEnd.score(candidate)));
  }

  /** The components with sacreBLEU-default chrF. */
  public static RewardComponents standard() {
    return with(ChrF.sacreBleuDefaults());
  }

  /** Every known component name, sorted. */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /**
   * The component called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown component and the known ones
   */
  public RewardComponent get(String name) {
    RewardComponent component = byName.get(name);
    if (component == null) {
      throw new IllegalArgumentException(
          "unknown reward component '" + name + "'; known: " + names());
    }
    return component;
  }
}
