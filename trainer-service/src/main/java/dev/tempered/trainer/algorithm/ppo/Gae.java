package dev.tempered.trainer.algorithm.ppo;

/**
 * Generalised advantage estimation (Schulman et al. 2016) over the valid completion tokens of each
 * sequence. State convention: V_t is the value of the state in which completion token t is chosen
 * (prompt and the completion before t); token t is the action and r_t its reward; the state after
 * the last valid token is terminal, so its value is 0. Then δ_t = r_t + γ·V_{t+1} − V_t and A_t =
 * δ_t + γλ·A_{t+1}; returns R_t = A_t + V_t. Padding after the last valid token gets A = R = 0
 * whatever its value or reward holds. Rewards [0,0,1], V [0.5,0.5,0.5], γ 1, λ 0.95 → A [0.45125,
 * 0.475, 0.5].
 */
public final class Gae {

  private Gae() {}

  /**
   * @param advantages A per token [B·C], 0 at padding
   * @param returns A + V per token [B·C], 0 at padding (the value targets)
   */
  public record Result(float[] advantages, float[] returns) {}

  /**
   * @param rewards per-token rewards [B·C], row-major
   * @param values per-token values [B·C] from the value head before the update
   * @param mask 1 for valid completion tokens [B·C]; right-padded (valid tokens come first)
   */
  public static Result compute(
      float[] rewards, float[] values, float[] mask, int width, double gamma, double lambda) {
    if (rewards.length != mask.length || values.length != mask.length || width <= 0) {
      throw new IllegalArgumentException(
          "rewards, values and mask must have the same length, a multiple of width " + width);
    }
    int batch = mask.length / width;
    float[] advantages = new float[mask.length];
    float[] returns = new float[mask.length];
    for (int b = 0; b < batch; b++) {
      double next = 0; // A_{t+1}
      double nextValue = 0; // V_{t+1}; 0 after the last valid token (terminal)
      for (int t = width - 1; t >= 0; t--) {
        int k = b * width + t;
        if (mask[k] <= 0) {
          next = 0;
          nextValue = 0;
          continue;
        }
        double delta = rewards[k] + gamma * nextValue - values[k];
        next = delta + gamma * lambda * next;
        nextValue = values[k];
        advantages[k] = (float) next;
        returns[k] = (float) (next + values[k]);
      }
    }
    return new Result(advantages, returns);
  }
}
