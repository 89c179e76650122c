package dev.tempered.reward.scoring;

import java.util.List;

/**
 * A component that scores all candidates of a group at once (a model's forward pass over the batch
 * costs about as much as over one row): {@link RewardScorer#scoreAll} calls it once per group.
 */
public interface GroupRewardComponent extends RewardComponent {

  /** One score per candidate, in order; every candidate answered {@code prompt}. */
  double[] scoreGroup(String prompt, List<String> candidates, String reference);

  @Override
  default double score(String prompt, String candidate, String reference) {
    return scoreGroup(prompt, List.of(candidate), reference)[0];
  }

  @Override
  default double score(String candidate, String reference) {
    return score("", candidate, reference);
  }
}
