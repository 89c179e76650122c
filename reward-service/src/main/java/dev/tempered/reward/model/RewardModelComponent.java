package dev.tempered.reward.model;

import dev.tempered.model.reward.TextRewardModel;
import dev.tempered.reward.scoring.GroupRewardComponent;
import java.util.Collections;
import java.util.List;

/**
 * {@code reward-model}: the learned Bradley–Terry reward r(prompt, candidate) of one saved version,
 * as is (an unbounded logit-scale score: only differences between candidates are meaningful, which
 * is all the argmax and the GRPO advantages use). The group's candidates are scored in one forward
 * pass with the token layout the model was trained with.
 */
public final class RewardModelComponent implements GroupRewardComponent {

  private final TextRewardModel model;
  private final String source;

  /**
   * @param source what was loaded (job and version), for error messages and logs
   */
  public RewardModelComponent(TextRewardModel model, String source) {
    this.model = model;
    this.source = source;
  }

  @Override
  public synchronized double[] scoreGroup(
      String prompt, List<String> candidates, String reference) {
    float[] rewards = model.rewards(Collections.nCopies(candidates.size(), prompt), candidates);
    double[] scores = new double[rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      scores[i] = rewards[i];
    }
    return scores;
  }

  @Override
  public String toString() {
    return "reward model " + source;
  }
}
