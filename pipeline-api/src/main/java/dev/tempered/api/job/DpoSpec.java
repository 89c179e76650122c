package dev.tempered.api.job;

import java.util.Map;

/**
 * DPO settings of a {@code dpo} job ({@code training.dpo}); every field is optional, absent means
 * the default (TRL's {@code DPOConfig} defaults where TRL has one).
 *
 * @param beta β > 0, the strength of the implicit KL to the frozen reference; default 0.1
 * @param losses loss type ({@code sigmoid}, {@code ipo}, {@code hinge}, {@code robust}) → weight >
 *     0; the loss is Σ weight·term (TRL's {@code loss_type} list with {@code loss_weights});
 *     default {@code {sigmoid: 1}}
 * @param labelSmoothing ε in [0, 0.5): the assumed probability that a pair's labels are flipped,
 *     used by {@code sigmoid} (conservative DPO) and {@code robust}; default 0
 * @param maxPromptTokens prompt tokens kept of an offline pair, BOS included (the prompt's end, as
 *     TRL's {@code keep_end}); default 128
 * @param maxCompletionTokens tokens kept of each offline completion (its start); default 128
 */
public record DpoSpec(
    Double beta,
    Map<String, Double> losses,
    Double labelSmoothing,
    Integer maxPromptTokens,
    Integer maxCompletionTokens) {

  public static final double DEFAULT_BETA = 0.1;
  public static final String DEFAULT_LOSS = "sigmoid";
  public static final int DEFAULT_MAX_PROMPT_TOKENS = 128;
  public static final int DEFAULT_MAX_COMPLETION_TOKENS = 128;

  /** Every field at its default. */
  public static DpoSpec defaults() {
    return new DpoSpec(null, null, null, null, null);
  }

  public double betaOrDefault() {
    return beta == null ? DEFAULT_BETA : beta;
  }

  public Map<String, Double> lossesOrDefault() {
    return losses == null ? Map.of(DEFAULT_LOSS, 1.0) : losses;
  }

  public double labelSmoothingOrDefault() {
    return labelSmoothing == null ? 0.0 : labelSmoothing;
  }

  public int maxPromptTokensOrDefault() {
    return maxPromptTokens == null ? DEFAULT_MAX_PROMPT_TOKENS : maxPromptTokens;
  }

  public int maxCompletionTokensOrDefault() {
    return maxCompletionTokens == null ? DEFAULT_MAX_COMPLETION_TOKENS : maxCompletionTokens;
  }
}
