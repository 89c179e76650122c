package dev.tempered.reward.scoring;

/** One reward component: a score of a candidate answer against the reference continuation. */
@FunctionalInterface
public interface RewardComponent {

  /** The component's score of {@code candidate} given {@code reference}, before weighting. */
  double score(String candidate, String reference);

  /**
   * The score of {@code candidate}, the answer to {@code prompt}; components that do not read the
   * prompt (all but the LLM judge) ignore it.
   */
  default double score(String prompt, String candidate, String reference) {
    return score(candidate, reference);
  }

  /**
   * The score of {@code candidate} with the policy's answer to the clean prompt at hand (null when
   * the group has none); only {@code consistency} reads it.
   */
  default double score(String prompt, String candidate, String reference, String cleanAnswer) {
    return score(prompt, candidate, reference);
  }
}
