package dev.tempered.trainer.training;

/**
 * Host-side sums over the iterations of one step, so that every token metric is a global sum over
 * tokens divided by a global token count (never a mean of per-iteration means).
 */
final class StepSums {

  int iterations;
  double loss;
  double policyLoss;
  double gradNorm;
  double tokens;
  double klTokens;
  double entropyTokens;
  double clipLowTokens;
  double clipHighTokens;
  double importanceWeightTokens;
  double truncatedTokens;
  // per applied update with adversarial training: the loss at the perturbed and the clean input
  double adversarialLoss;
  double adversarialCleanLoss;
  // what the update that ended the step early saw, for the log line of a skipped step
  double skippedLoss = Double.NaN;
  double skippedGradNorm = Double.NaN;

  /** Mean of a token sum over every valid token seen; 0 when there were none. */
  static double perToken(double sum, double tokens) {
    return tokens == 0 ? 0 : sum / tokens;
  }

  double meanLoss() {
    return iterations == 0 ? Double.NaN : loss / iterations;
  }

  double meanPolicyLoss() {
    return iterations == 0 ? Double.NaN : policyLoss / iterations;
  }

  double meanGradNorm() {
    return iterations == 0 ? Double.NaN : gradNorm / iterations;
  }
}
