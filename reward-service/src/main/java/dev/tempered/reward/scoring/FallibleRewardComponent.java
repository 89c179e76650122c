package dev.tempered.reward.scoring;

/**
 * A component that can fail to score (it asks a remote service): it then returns NaN, which {@link
 * RewardScorer} counts as 0 in S and reports as {@code <name>.failed} = 1 in the candidate's
 * components ({@code <name>.failed} = 0 when it scored).
 */
public interface FallibleRewardComponent extends RewardComponent {

  /** The suffix of the component entry that says whether it failed for a candidate. */
  String FAILED_SUFFIX = ".failed";
}
