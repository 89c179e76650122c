package dev.tempered.api.message;

import java.util.List;

/**
 * A scored group: the candidates of one prompt with rewards and advantages, the selected target T_k
 * and the online preference pairs. Published on {@code scored-groups}, keyed by job id.
 *
 * @param selectedIndex k = argmax S, the index of the highest-scored candidate (lowest index on
 *     ties)
 * @param rewardMean mean of the candidates' {@code reward}
 * @param rewardStd Bessel-corrected standard deviation of the candidates' {@code reward}
 * @param targetSimilarity the similarity component that gave each candidate's {@code reward}
 *     (similarity to T_k), or null when rewards are S
 * @param pairs DPO pairs: T_k against the lowest-scored candidate; empty when they tie (or the
 *     group has one candidate); null in records from before this field existed
 * @param tiedPairs pairs left out because chosen and rejected had equal S (0 or 1 per group); null
 *     in records from before this field existed
 * @param cleanText the clean prompt, for labelling; null in records from before this field existed
 * @param noisyText the noisy prompt the candidates answer, for labelling; null in records from
 *     before this field existed
 */
public record ScoredGroup(
    Envelope envelope,
    String jobId,
    String promptId,
    String group,
    long policyVersion,
    float temperature,
    double curriculumLevel,
    List<Integer> promptTokenIds,
    List<ScoredCandidate> candidates,
    int selectedIndex,
    double rewardMean,
    double rewardStd,
    String targetSimilarity,
    List<PreferencePair> pairs,
    Integer tiedPairs,
    String cleanText,
    String noisyText) {

  /** A group without its prompt texts. */
  public ScoredGroup(
      Envelope envelope,
      String jobId,
      String promptId,
      String group,
      long policyVersion,
      float temperature,
      double curriculumLevel,
      List<Integer> promptTokenIds,
      List<ScoredCandidate> candidates,
      int selectedIndex,
      double rewardMean,
      double rewardStd,
      String targetSimilarity,
      List<PreferencePair> pairs,
      Integer tiedPairs) {
    this(
        envelope,
        jobId,
        promptId,
        group,
        policyVersion,
        temperature,
        curriculumLevel,
        promptTokenIds,
        candidates,
        selectedIndex,
        rewardMean,
        rewardStd,
        targetSimilarity,
        pairs,
        tiedPairs,
        null,
        null);
  }

  /** A group without target similarity or preference pairs (the fields before they existed). */
  public ScoredGroup(
      Envelope envelope,
      String jobId,
      String promptId,
      String group,
      long policyVersion,
      float temperature,
      double curriculumLevel,
      List<Integer> promptTokenIds,
      List<ScoredCandidate> candidates,
      int selectedIndex,
      double rewardMean,
      double rewardStd) {
    this(
        envelope,
        jobId,
        promptId,
        group,
        policyVersion,
        temperature,
        curriculumLevel,
        promptTokenIds,
        candidates,
        selectedIndex,
        rewardMean,
        rewardStd,
        null,
        null,
        null,
        null,
        null);
  }
}
