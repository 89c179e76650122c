package dev.tempered.sampler.generation;

import dev.tempered.model.tokenizer.Llama2cTokenizer;

/** Fits a tokenised prompt into the model's context next to the token budget of its answer. */
public final class PromptTokens {

  private PromptTokens() {}

  /**
   * The prompt itself when prompt plus {@code maxNewTokens} fit in {@code contextLength}; else BOS
   * followed by the prompt's last tokens, since the text just before the answer matters most for a
   * continuation.
   */
  public static int[] fit(int[] prompt, int maxNewTokens, int contextLength) {
    int room = contextLength - maxNewTokens;
    if (room < 1) {
      throw new IllegalArgumentException(
          "maxNewTokens "
              + maxNewTokens
              + " leaves no room for a prompt in the model's context of "
              + contextLength);
    }
    if (prompt.length <= room) {
      return prompt;
    }
    int[] fitted = new int[room];
    fitted[0] = Llama2cTokenizer.BOS;
    System.arraycopy(prompt, prompt.length - (room - 1), fitted, 1, room - 1);
    return fitted;
  }

  /** The prompt encoded with BOS first, as every candidate continues it. */
  public static int[] encode(
      Llama2cTokenizer tokenizer, String text, int maxNewTokens, int contextLength) {
    return fit(
        tokenizer.encode(text == null ? "" : text, true, false), maxNewTokens, contextLength);
  }
}
