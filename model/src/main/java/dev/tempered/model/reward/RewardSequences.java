package dev.tempered.model.reward;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.Arrays;

/**
 * How a (prompt, completion) text becomes the token sequence a reward model reads: BOS + the
 * prompt's last {@code maxPromptTokens − 1} tokens (TRL's {@code keep_end}), then the completion's
 * first tokens followed by EOS when it fits in {@code maxCompletionTokens}. One leading space of
 * the completion is dropped because the tokenizer's dummy prefix adds it back, so a sampler's
 * continuation text (" Tim was …") encodes as its own tokens. Texts are cut to eight characters per
 * allowed token before tokenising, which bounds the tokenizer's work on long dialogues; every token
 * kept lies well inside that window. The trainer and the reward service share this rule, so a
 * reward is the same number in both.
 */
public record RewardSequences(int maxPromptTokens, int maxCompletionTokens) {

  private static final int CHARS_PER_TOKEN = 8;

  public RewardSequences {
    if (maxPromptTokens < 1 || maxCompletionTokens < 1) {
      throw new IllegalArgumentException(
          "a reward model reads at least BOS and one completion token, got maxPromptTokens "
              + maxPromptTokens
              + " and maxCompletionTokens "
              + maxCompletionTokens);
    }
  }

  /** The longest sequence this layout produces. */
  public int maxLength() {
    return maxPromptTokens + maxCompletionTokens;
  }

  public int[] encode(Llama2cTokenizer tokenizer, String prompt, String completion) {
    int[] head = encodePrompt(tokenizer, prompt);
    int[] tail = completion(tokenizer, completion);
    int[] sequence = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, sequence, head.length, tail.length);
    return sequence;
  }

  /** The prompt part of {@link #encode}: BOS and the prompt's last tokens. */
  public int[] encodePrompt(Llama2cTokenizer tokenizer, String text) {
    String window = text == null ? "" : text;
    int chars = CHARS_PER_TOKEN * maxPromptTokens;
    if (window.length() > chars) {
      window = window.substring(window.length() - chars);
    }
    int[] ids = tokenizer.encode(window, false, false);
    int keep = Math.min(ids.length, maxPromptTokens - 1);
    int[] withBos = new int[keep + 1];
    withBos[0] = Llama2cTokenizer.BOS;
    System.arraycopy(ids, ids.length - keep, withBos, 1, keep);
    return withBos;
  }

  private int[] completion(Llama2cTokenizer tokenizer, String text) {
    String body = text == null ? "" : text;
    body = body.startsWith(" ") ? body.substring(1) : body;
    if (body.length() > CHARS_PER_TOKEN * maxCompletionTokens) {
      body = body.substring(0, CHARS_PER_TOKEN * maxCompletionTokens);
    }
    int[] ids = tokenizer.encode(body, false, true);
    return ids.length <= maxCompletionTokens ? ids : Arrays.copyOf(ids, maxCompletionTokens);
  }
}
