package dev.tempered.trainer.training;

import dev.tempered.trainer.algorithm.ppo.PpoLoss;

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

  void add(PpoLoss.PpoResult r, float entropySum, double norm, double valueNorm) {
    float n = r.validTokens().getFloat();
    updates++;
    tokens += n;
    lossTokens += r.loss().getFloat() * n;
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

  double meanGradNorm() {
    return updates == 0 ? skippedGradNorm : gradNorm / updates;
  }

  double meanValueGradNorm() {
    return updates == 0 ? Double.NaN : valueGradNorm / updates;
  }
}
