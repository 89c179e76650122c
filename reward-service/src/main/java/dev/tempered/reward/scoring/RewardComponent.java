package dev.tempered.reward.scoring;

/** One reward component: a score of a candidate answer against the reference continuation. */
@FunctionalInterface
public interface RewardComponent {

  /** The component's score of {@code candidate} given {@code reference}, before weighting. */
  double score(String candidate, String reference);
}
