package dev.tempered.trainer.training;

import dev.tempered.trainer.algorithm.ppo.PpoLoss;
import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Host-side sums over the updates of one PPO step. Each minibatch's losses are token means, so they
 * are summed weighted by the minibatch's valid tokens: every loss and fraction reported is a global
 * sum over tokens divided by the global token count, never a mean of per-update means.
 */
final class PpoSums {

  int updates;
  double tokens;
  double lossTokens;
  double policyLossTokens;
  double valueLossTokens;
  double entropyTokens;
  double clipLowTokens;
  double clipHighTokens;
  double valueClippedTokens;
  double gradNorm;
  double valueGradNorm;
  // what the update that ended the step early saw, for the log line of a skipped step
  double skippedLoss = Double.NaN;
  double skippedGradNorm = Double.NaN;
  // group-robust only: each data group's stats from the last update whose minibatch held it
  final Map<String, GroupRobustLoss.GroupStats> groups = new LinkedHashMap<>();

  /**
   * @param loss the loss the update trained on (group-robust when on, else {@code r.loss()})
   */
  void add(PpoLoss.PpoResult r, float loss, float entropySum, double norm, double valueNorm) {
    float n = r.validTokens().getFloat();
    updates++;
    tokens += n;
    lossTokens += loss * n;
    policyLossTokens += r.policyLoss().getFloat() * n;
    valueLossTokens += r.valueLoss().getFloat() * n;
    entropyTokens += entropySum;
    clipLowTokens += r.clippedLowTokens().getFloat();
    clipHighTokens += r.clippedHighTokens().getFloat();
    valueClippedTokens += r.valueClippedTokens().getFloat();
    gradNorm += norm;
    valueGradNorm += valueNorm;
  }

  /** A token sum over every valid token of every update; 0 when there were none. */
  double perToken(double sum) {
    return StepSums.perToken(sum, tokens);
  }

  /** The group with the highest loss in {@link #groups}; null when there are none. */
  String worstGroup() {
    return groups.entrySet().stream()
        .max((a, b) -> Double.compare(a.getValue().loss(), b.getValue().loss()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  double meanGradNorm() {
    return updates == 0 ? skippedGradNorm : gradNorm / updates;
  }

  double meanValueGradNorm() {
    return updates == 0 ? Double.NaN : valueGradNorm / updates;
  }
}
