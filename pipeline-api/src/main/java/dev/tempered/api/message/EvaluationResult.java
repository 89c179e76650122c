package dev.tempered.api.message;

import java.util.List;

/**
 * Greedy scores of one held-out prompt under one policy version, clean and noisy. Published on
 * {@code evaluations}.
 *
 * @param consistency how close the policy's answer to the noisy prompt is to its answer to the
 *     clean prompt: chrF (sacreBLEU defaults, in [0,1]) of the noisy answer against the clean one;
 *     null in records from before this field existed
 * @param noiseKinds the distinct kinds of the noise operators applied to the noisy prompt, in order
 *     of application; null in records from before this field existed
 * @param strength the noise strength the noisy prompt was made at; null in records from before this
 *     field existed
 * @param strengthSweep true for a held-out copy at one of the job's {@code
 *     noise.evaluationStrengths} rather than at the curriculum's held-out strength: such results
 *     count only in the report's per-strength breakdown; null (false) otherwise and in old records
 */
public record EvaluationResult(
    Envelope envelope,
    String jobId,
    String promptId,
    String group,
    long policyVersion,
    double cleanScore,
    double noisyScore,
    String cleanAnswer,
    String noisyAnswer,
    Double consistency,
    List<String> noiseKinds,
    Double strength,
    Boolean strengthSweep) {

  /** A result without the strength its noisy prompt was made at. */
  public EvaluationResult(
      Envelope envelope,
      String jobId,
      String promptId,
      String group,
      long policyVersion,
      double cleanScore,
      double noisyScore,
      String cleanAnswer,
      String noisyAnswer,
      Double consistency,
      List<String> noiseKinds) {
    this(
        envelope,
        jobId,
        promptId,
        group,
        policyVersion,
        cleanScore,
        noisyScore,
        cleanAnswer,
        noisyAnswer,
        consistency,
        noiseKinds,
        null,
        null);
  }

  /** A result without the kinds of noise applied to its prompt. */
  public EvaluationResult(
      Envelope envelope,
      String jobId,
      String promptId,
      String group,
      long policyVersion,
      double cleanScore,
      double noisyScore,
      String cleanAnswer,
      String noisyAnswer,
      Double consistency) {
    this(
        envelope,
        jobId,
        promptId,
        group,
        policyVersion,
        cleanScore,
        noisyScore,
        cleanAnswer,
        noisyAnswer,
        consistency,
        (List<String>) null);
  }

  /** A result without the consistency of the two answers. */
  public EvaluationResult(
      Envelope envelope,
      String jobId,
      String promptId,
      String group,
      long policyVersion,
      double cleanScore,
      double noisyScore,
      String cleanAnswer,
      String noisyAnswer) {
    this(
        envelope,
        jobId,
        promptId,
        group,
        policyVersion,
        cleanScore,
        noisyScore,
        cleanAnswer,
        noisyAnswer,
        (Double) null);
  }

  /** Whether this is a held-out copy at one of the job's evaluation strengths. */
  public boolean inStrengthSweep() {
    return Boolean.TRUE.equals(strengthSweep);
  }
}
