package dev.tempered.api.message;

import java.util.List;

/**
 * The candidates the sampler generated for one prompt with one policy version. Published on {@code
 * candidates}. For {@link Split#EVAL} prompts it holds one greedy answer to the noisy and one to
 * the clean prompt.
 *
 * @param promptTokenIds the tokenised noisy prompt (BOS first) that every candidate continues
 * @param noiseKinds the distinct kinds of the noise operators applied to the prompt, in order of
 *     application; null in records from before this field existed
 * @param curriculumLevel the strength the noisy prompt was made at ({@link
 *     NoisyInput#curriculumLevel})
 * @param strengthSweep as {@link NoisyInput#strengthSweep}: true for a held-out copy at one of the
 *     job's evaluation strengths; null (false) otherwise and in records from before this field
 * @param cleanAnswer {@link Split#TRAIN} only: the policy's greedy answer to the clean prompt, for
 *     the {@code consistency} reward component; generated only when the job's reward weights name
 *     it, null otherwise and in records from before this field existed
 */
public record CandidateGroup(
    Envelope envelope,
    String jobId,
    String promptId,
    Split split,
    String group,
    String cleanText,
    String noisyText,
    String reference,
    double curriculumLevel,
    long policyVersion,
    float temperature,
    List<Integer> promptTokenIds,
    List<Candidate> candidates,
    List<String> noiseKinds,
    Boolean strengthSweep,
    String cleanAnswer) {

  /** A group of a prompt at the curriculum's strength, without a clean answer. */
  public CandidateGroup(
      Envelope envelope,
      String jobId,
      String promptId,
      Split split,
      String group,
      String cleanText,
      String noisyText,
      String reference,
      double curriculumLevel,
      long policyVersion,
      float temperature,
      List<Integer> promptTokenIds,
      List<Candidate> candidates,
      List<String> noiseKinds) {
    this(
        envelope,
        jobId,
        promptId,
        split,
        group,
        cleanText,
        noisyText,
        reference,
        curriculumLevel,
        policyVersion,
        temperature,
        promptTokenIds,
        candidates,
        noiseKinds,
        null,
        null);
  }

  /** A group without the kinds of noise applied to its prompt. */
  public CandidateGroup(
      Envelope envelope,
      String jobId,
      String promptId,
      Split split,
      String group,
      String cleanText,
      String noisyText,
      String reference,
      double curriculumLevel,
      long policyVersion,
      float temperature,
      List<Integer> promptTokenIds,
      List<Candidate> candidates) {
    this(
        envelope,
        jobId,
        promptId,
        split,
        group,
        cleanText,
        noisyText,
        reference,
        curriculumLevel,
        policyVersion,
        temperature,
        promptTokenIds,
        candidates,
        (List<String>) null);
  }

  /** Whether this is a held-out copy at one of the job's evaluation strengths. */
  public boolean inStrengthSweep() {
    return Boolean.TRUE.equals(strengthSweep);
  }
}
