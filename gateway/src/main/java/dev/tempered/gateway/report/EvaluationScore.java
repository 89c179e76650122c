package dev.tempered.gateway.report;

import dev.tempered.api.message.EvaluationResult;

/** The two scores of one held-out prompt under one policy version; answers are not kept. */
public record EvaluationScore(
    String promptId, String group, long policyVersion, double cleanScore, double noisyScore) {

  /** The scores of an evaluation record. */
  public static EvaluationScore of(EvaluationResult result) {
    return new EvaluationScore(
        result.promptId(),
        result.group(),
        result.policyVersion(),
        result.cleanScore(),
        result.noisyScore());
  }
}
