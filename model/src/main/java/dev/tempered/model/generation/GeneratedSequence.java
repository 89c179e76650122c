package dev.tempered.model.generation;

/**
 * One generated completion: its tokens (the stop token included when one ended it), the log-prob of
 * each under the temperature-scaled distribution it was sampled from, and why it ended.
 */
public record GeneratedSequence(int[] tokens, float[] logprobs, boolean stopped) {

  public String finishReason() {
    return stopped ? "stop" : "length";
  }
}
