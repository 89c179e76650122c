package dev.tempered.api.job;

import java.util.ArrayList;
import java.util.List;

/**
 * The noise mixture and its curriculum.
 *
 * @param operatorsPerPrompt how many different operators of the mixture each prompt gets, drawn by
 *     weight without replacement and applied in the order they are listed (null: 1)
 * @param evaluationStrengths strengths in [0,1] at which every held-out prompt is evaluated as
 *     well, besides the curriculum's own held-out strength ({@code curriculum.endStrength}), for
 *     the report's per-strength breakdown (null: the curriculum's strength only)
 */
public record NoiseSpec(
    List<NoiseOperatorSpec> operators,
    CurriculumSpec curriculum,
    Integer operatorsPerPrompt,
    List<Double> evaluationStrengths) {

  /** Held-out prompts at the curriculum's strength only. */
  public NoiseSpec(
      List<NoiseOperatorSpec> operators, CurriculumSpec curriculum, Integer operatorsPerPrompt) {
    this(operators, curriculum, operatorsPerPrompt, null);
  }

  /** One operator per prompt. */
  public NoiseSpec(List<NoiseOperatorSpec> operators, CurriculumSpec curriculum) {
    this(operators, curriculum, null);
  }

  public int operatorsPerPromptOrDefault() {
    return operatorsPerPrompt == null ? 1 : operatorsPerPrompt;
  }

  /**
   * The strengths held-out prompts are evaluated at in addition to the curriculum's: the distinct
   * {@code evaluationStrengths} in the order listed, leaving out {@code curriculum.endStrength}
   * (those prompts are evaluated at it anyway); empty when none are listed.
   */
  public List<Double> sweepStrengths() {
    List<Double> sweep = new ArrayList<>();
    if (evaluationStrengths != null) {
      for (Double s : evaluationStrengths) {
        boolean curriculums = curriculum != null && s != null && s == curriculum.endStrength();
        if (s != null && !curriculums && !sweep.contains(s)) {
          sweep.add(s);
        }
      }
    }
    return List.copyOf(sweep);
  }
}
