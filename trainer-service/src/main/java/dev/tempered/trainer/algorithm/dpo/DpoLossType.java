package dev.tempered.trainer.algorithm.dpo;

import java.util.Arrays;
import java.util.Locale;

/**
 * The DPO losses, as TRL's {@code DPOTrainer} defines them, over h = (log π(y_w) − log π_ref(y_w))
 * − (log π(y_l) − log π_ref(y_l)) with temperature β and label smoothing ε.
 */
public enum DpoLossType {
  /**
   * −(1 − ε)·log σ(β·h) − ε·log σ(−β·h) (Rafailov et al. 2023; conservative DPO when ε > 0). β 0.1,
   * h 2, ε 0: 0.598139; h 0: log 2 = 0.693147.
   */
  SIGMOID,
  /**
   * (h − 1/(2β))² over length-normalised log-ratios: each log-prob is the mean over the
   * completion's tokens, not their sum (Azar et al. 2023, as TRL does for {@code ipo}).
   */
  IPO,
  /** max(0, 1 − β·h) (SLiC, Zhao et al. 2023). β 0.1, h 2: 0.8. */
  HINGE,
  /**
   * (−(1 − ε)·log σ(β·h) + ε·log σ(−β·h)) / (1 − 2ε): unbiased under labels flipped with
   * probability ε (Chowdhury et al. 2024). β 0.1, h 2, ε 0.1: 0.573139.
   */
  ROBUST;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the known losses
   */
  public static DpoLossType fromWireName(String name) {
    for (DpoLossType t : values()) {
      if (t.wireName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown DPO loss '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(DpoLossType::wireName).toList());
  }
}
