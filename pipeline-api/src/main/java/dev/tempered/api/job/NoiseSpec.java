package dev.tempered.api.job;

import java.util.List;

/**
 * The noise mixture and its curriculum.
 *
 * @param operatorsPerPrompt how many different operators of the mixture each prompt gets, drawn by
 *     weight without replacement and applied in the order they are listed (null: 1)
 */
public record NoiseSpec(
    List<NoiseOperatorSpec> operators, CurriculumSpec curriculum, Integer operatorsPerPrompt) {

  /** One operator per prompt. */
  public NoiseSpec(List<NoiseOperatorSpec> operators, CurriculumSpec curriculum) {
    this(operators, curriculum, null);
  }

  public int operatorsPerPromptOrDefault() {
    return operatorsPerPrompt == null ? 1 : operatorsPerPrompt;
  }
}
