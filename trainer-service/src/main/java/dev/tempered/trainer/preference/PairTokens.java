package dev.tempered.trainer.preference;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.Arrays;

/**
 * A preference pair as token ids: BOS + the prompt's last tokens (TRL's {@code keep_end}
 * truncation) and each completion's first tokens followed by EOS when it fits. Texts are cut to
 * eight characters per allowed token before tokenising, which bounds the tokenizer's work on long
 * dialogues; every token that is kept lies well inside that window.
 */
public record PairTokens(int[] prompt, int[] chosen, int[] rejected) {

  private static final int CHARS_PER_TOKEN = 8;

  static PairTokens of(
      PreferencePair pair, Llama2cTokenizer tokenizer, int maxPromptTokens, int maxCompletion) {
    String promptText = pair.prompt();
    int window = CHARS_PER_TOKEN * maxPromptTokens;
    if (promptText.length() > window) {
      promptText = promptText.substring(promptText.length() - window);
    }
    int[] prompt = tokenizer.encode(promptText, false, false);
    int keep = Math.min(prompt.length, maxPromptTokens - 1);
    int[] withBos = new int[keep + 1];
    withBos[0] = Llama2cTokenizer.BOS;
    System.arraycopy(prompt, prompt.length - keep, withBos, 1, keep);
    return new PairTokens(
        withBos,
        completion(pair.chosen(), tokenizer, maxCompletion),
        completion(pair.rejected(), tokenizer, maxCompletion));
  }

  private static int[] completion(String text, Llama2cTokenizer tokenizer, int max) {
    // The tokenizer's dummy prefix already gives the completion its leading space.
    String body = text.startsWith(" ") ? text.substring(1) : text;
    if (body.length() > CHARS_PER_TOKEN * max) {
      body = body.substring(0, CHARS_PER_TOKEN * max);
    }
    int[] ids = tokenizer.encode(body, false, true);
    return ids.length <= max ? ids : Arrays.copyOf(ids, max);
  }
}
