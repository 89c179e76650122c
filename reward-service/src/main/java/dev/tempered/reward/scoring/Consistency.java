package dev.tempered.reward.scoring;

/**
 * The {@code consistency} component: chrF of a candidate (the answer to the noisy prompt) against
 * the policy's greedy answer to the clean prompt, so that a policy is rewarded for answering the
 * noisy prompt as it answers the clean one. The held-out evaluation's consistency is the same
 * measure for the greedy noisy answer.
 */
final class Consistency implements RewardComponent {

  private final ChrF chrF;

  Consistency(ChrF chrF) {
    this.chrF = chrF;
  }

  /** Never right: consistency compares with the clean answer, not the reference. */
  @Override
  public double score(String candidate, String reference) {
    throw missing();
  }

  @Override
  public double score(String prompt, String candidate, String reference, String cleanAnswer) {
    if (cleanAnswer == null) {
      throw missing();
    }
    return chrF.score(candidate, cleanAnswer);
  }

  private static IllegalArgumentException missing() {
    return new IllegalArgumentException(
        "the consistency component needs the policy's answer to the clean prompt"
            + " (CandidateGroup.cleanAnswer), which the sampler adds to groups of jobs whose"
            + " reward.weights name consistency; this group has none");
  }
}
