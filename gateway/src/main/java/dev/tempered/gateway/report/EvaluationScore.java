package dev.tempered.gateway.report;

import dev.tempered.api.job.NoiseFamilies;
import dev.tempered.api.message.EvaluationResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The two scores of one held-out prompt under one policy version; answers are not kept.
 *
 * @param families the distinct noise families of the prompt's noise operators, {@code none} alone
 *     when no operator changed it; null for records from before noise kinds were carried
 * @param strength the noise strength of the noisy prompt; null for records from before it was
 *     carried
 * @param sweep whether the prompt is a copy at one of the job's {@code noise.evaluationStrengths}:
 *     such scores count only in the per-strength breakdown
 */
public record EvaluationScore(
    String promptId,
    String group,
    long policyVersion,
    double cleanScore,
    double noisyScore,
    List<String> families,
    Double strength,
    boolean sweep) {

  /** The family of a prompt that no noise operator changed. */
  public static final String NO_NOISE = "none";

  /** The family of a kind this gateway does not know (a newer noise service). */
  public static final String OTHER = "other";

  /** A score at the curriculum's strength whose strength is unknown. */
  public EvaluationScore(
      String promptId,
      String group,
      long policyVersion,
      double cleanScore,
      double noisyScore,
      List<String> families) {
    this(promptId, group, policyVersion, cleanScore, noisyScore, families, null, false);
  }

  /** A score whose noise families are unknown. */
  public EvaluationScore(
      String promptId, String group, long policyVersion, double cleanScore, double noisyScore) {
    this(promptId, group, policyVersion, cleanScore, noisyScore, (List<String>) null);
  }

  /** The scores of an evaluation record. */
  public static EvaluationScore of(EvaluationResult result) {
    return new EvaluationScore(
        result.promptId(),
        result.group(),
        result.policyVersion(),
        result.cleanScore(),
        result.noisyScore(),
        familiesOf(result.noiseKinds()),
        result.strength(),
        result.inStrengthSweep());
  }

  /** The distinct families of the kinds, in order; null stays null (kinds unknown). */
  static List<String> familiesOf(List<String> kinds) {
    if (kinds == null) {
      return null;
    }
    if (kinds.isEmpty()) {
      return List.of(NO_NOISE);
    }
    Set<String> families = new LinkedHashSet<>();
    for (String kind : kinds) {
      families.add(familyOf(kind));
    }
    return List.copyOf(families);
  }

  // A kind this gateway does not know must not make the evaluation record unreadable: its scores
  // still count in the totals and groups, and the kind is reported under "other".
  private static String familyOf(String kind) {
    try {
      return NoiseFamilies.of(kind);
    } catch (IllegalArgumentException unknown) {
      return OTHER;
    }
  }
}
