package dev.tempered.trainer.algorithm.dpo;

import java.util.List;

/**
 * The knobs of the DPO loss: one or more loss terms with weights (the loss is Σ weight·term, as
 * TRL's {@code loss_type} list with {@code loss_weights}), the temperature β and the label noise ε.
 *
 * @param beta β > 0, the strength of the implicit KL to the reference
 * @param labelSmoothing ε in [0, 0.5): the assumed probability that a pair's labels are flipped;
 *     used by {@link DpoLossType#SIGMOID} and {@link DpoLossType#ROBUST}
 */
public record DpoSettings(double beta, double labelSmoothing, List<Term> terms) {

  /** One loss of the mix and its weight. */
  public record Term(DpoLossType type, double weight) {}

  public DpoSettings {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new IllegalArgumentException(
          "labelSmoothing must be in [0, 0.5), got " + labelSmoothing);
    }
    if (terms == null || terms.isEmpty()) {
      throw new IllegalArgumentException("at least one DPO loss term is required");
    }
    terms = List.copyOf(terms);
  }

  /** A single loss with weight 1. */
  public static DpoSettings of(DpoLossType type, double beta, double labelSmoothing) {
    return new DpoSettings(beta, labelSmoothing, List.of(new Term(type, 1.0)));
  }

  /**
   * Metrics are reported over length-normalised log-ratios only when every term is IPO, as TRL
   * normalises every log-prob for {@code ipo}.
   */
  boolean onlyIpo() {
    return terms.stream().allMatch(t -> t.type() == DpoLossType.IPO);
  }

  boolean uses(DpoLossType type) {
    return terms.stream().anyMatch(t -> t.type() == type);
  }
}
