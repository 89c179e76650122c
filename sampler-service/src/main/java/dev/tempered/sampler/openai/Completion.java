package dev.tempered.sampler.openai;

import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * One choice's text: the decoded continuation, cut before the first stop string (OpenAI never
 * returns the stop sequence), with leading whitespace removed (a continuation's first piece carries
 * the word-separating space).
 *
 * @param text the message content
 * @param finishReason {@code stop} (a stop token or string ended it) or {@code length}
 * @param tokens completion tokens counted in usage: every generated token up to and including the
 *     stop token, or the token that completed a stop string
 */
public record Completion(String text, String finishReason, int tokens) {

  public static Completion of(
      GeneratedSequence sequence, Llama2cTokenizer tokenizer, List<String> stop) {
    int[] ids = sequence.tokens();
    if (!stop.isEmpty()) {
      for (int m = 1; m <= ids.length; m++) {
        String prefix = tokenizer.decodeContinuation(Arrays.copyOf(ids, m));
        int cut = firstStop(prefix, stop);
        if (cut >= 0) {
          return new Completion(prefix.substring(0, cut).stripLeading(), "stop", m);
        }
      }
    }
    return new Completion(
        tokenizer.decodeContinuation(ids).stripLeading(), sequence.finishReason(), ids.length);
  }

  /** The lowest index at which any stop string starts, or -1. */
  static int firstStop(String text, List<String> stop) {
    int first = -1;
    for (String s : stop) {
      int at = text.indexOf(s);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }
}
