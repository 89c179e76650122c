package dev.tempered.trainer.training;

import dev.tempered.trainer.algorithm.ppo.Gae;
import dev.tempered.trainer.algorithm.ppo.TokenRewards;
import dev.tempered.trainer.algorithm.ppo.Whitening;

/**
 * What PPO's updates train towards, computed once per batch on the host from the passes before any
 * update: per-token KL to the reference (k1 = log π_old − log π_ref, TRL's and OpenRLHF's default
 * estimator for the reward penalty), token rewards (score on the last valid token, −klCoef·KL per
 * token), GAE advantages and returns, and the advantages whitened over valid tokens. Arrays are
 * row-major [B, width]; padding is 0 everywhere.
 *
 * @param advantages the advantages the loss uses (whitened when whitening is on)
 * @param returns GAE returns A + V from the un-whitened advantages (the value targets)
 * @param mask 1 for valid completion tokens of rows that stay in the loss
 * @param klPerToken mean k1 KL per valid token (0 without a reference)
 * @param klPerSequence mean over rows of the summed k1 KL, what the adaptive controller reads (TRL)
 * @param advantageMean mean of the un-whitened advantages over valid tokens
 * @param advantageStd Bessel std of the un-whitened advantages over valid tokens
 */
record PpoTargets(
    float[] oldLogprobs,
    float[] oldValues,
    float[] advantages,
    float[] returns,
    float[] mask,
    int width,
    double klPerToken,
    double klPerSequence,
    double advantageMean,
    double advantageStd) {

  /**
   * @param scores one reward per row (the candidate's scalar reward)
   * @param reference reference log-probs [B·width], or null when there is no KL penalty
   */
  static PpoTargets of(
      float[] scores,
      float[] oldLogprobs,
      float[] reference,
      float[] oldValues,
      float[] mask,
      int width,
      double klCoefficient,
      PpoOptions options) {
    float[] kl = reference == null ? null : k1(oldLogprobs, reference, mask);
    float[] rewards = TokenRewards.of(scores, kl, klCoefficient, mask, width);
    Gae.Result gae =
        Gae.compute(rewards, oldValues, mask, width, options.gamma(), options.lambda());
    float[] advantages =
        options.whitenAdvantages()
            ? Whitening.whiten(gae.advantages(), mask, true)
            : gae.advantages();
    double tokens = 0;
    double klSum = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] > 0) {
        tokens++;
        klSum += kl == null ? 0 : kl[i];
      }
    }
    double[] stats = meanAndStd(gae.advantages(), mask);
    return new PpoTargets(
        oldLogprobs,
        oldValues,
        advantages,
        gae.returns(),
        mask,
        width,
        tokens == 0 ? 0 : klSum / tokens,
        scores.length == 0 ? 0 : klSum / scores.length,
        stats[0],
        stats[1]);
  }

  /** Mean value target over valid tokens; 0 when there are none. */
  double returnMean() {
    double n = 0;
    double sum = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] > 0) {
        n++;
        sum += returns[i];
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  int rows() {
    return mask.length / width;
  }

  /** The rows {@code picked}, each cut or padded to {@code newWidth} columns (a minibatch). */
  PpoTargets select(int[] picked, int newWidth) {
    return new PpoTargets(
        rows(oldLogprobs, picked, newWidth),
        rows(oldValues, picked, newWidth),
        rows(advantages, picked, newWidth),
        rows(returns, picked, newWidth),
        rows(mask, picked, newWidth),
        newWidth,
        klPerToken,
        klPerSequence,
        advantageMean,
        advantageStd);
  }

  private float[] rows(float[] full, int[] picked, int newWidth) {
    float[] out = new float[picked.length * newWidth];
    for (int r = 0; r < picked.length; r++) {
      System.arraycopy(full, picked[r] * width, out, r * newWidth, Math.min(width, newWidth));
    }
    return out;
  }

  /** k1 = log π_old − log π_ref on valid tokens, 0 at padding. */
  private static float[] k1(float[] logprobs, float[] reference, float[] mask) {
    float[] kl = new float[mask.length];
    for (int i = 0; i < kl.length; i++) {
      kl[i] = mask[i] > 0 ? logprobs[i] - reference[i] : 0f;
    }
    return kl;
  }

  private static double[] meanAndStd(float[] values, float[] mask) {
    double n = 0;
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      if (mask[i] > 0) {
        n++;
        sum += values[i];
      }
    }
    if (n == 0) {
      return new double[] {0, 0};
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < values.length; i++) {
      if (mask[i] > 0) {
        squares += (values[i] - mean) * (values[i] - mean);
      }
    }
    return new double[] {mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0};
  }
}
