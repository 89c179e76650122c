package dev.tempered.gateway.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Splits one policy version's held-out scores by the noise strength of their noisy prompts. */
final class StrengthBreakdown {

  private StrengthBreakdown() {}

  /**
   * Means per strength, weakest first, with the families at each; scores without a strength
   * (records from before it was carried) are left out.
   *
   * @param heldOutPrompts how many prompts make one strength's evaluation complete
   */
  static List<StrengthSummary> of(List<EvaluationScore> scores, int heldOutPrompts) {
    Map<Double, List<EvaluationScore>> byStrength = new TreeMap<>();
    for (EvaluationScore s : scores) {
      if (s.strength() != null) {
        byStrength.computeIfAbsent(s.strength(), k -> new ArrayList<>()).add(s);
      }
    }
    List<StrengthSummary> out = new ArrayList<>();
    byStrength.forEach(
        (strength, list) -> {
          double clean = RobustnessReportCalculator.mean(list, EvaluationScore::cleanScore);
          double noisy = RobustnessReportCalculator.mean(list, EvaluationScore::noisyScore);
          out.add(
              new StrengthSummary(
                  strength,
                  list.size(),
                  list.size() >= heldOutPrompts,
                  clean,
                  noisy,
                  clean - noisy,
                  RobustnessReportCalculator.families(list)));
        });
    return List.copyOf(out);
  }
}
