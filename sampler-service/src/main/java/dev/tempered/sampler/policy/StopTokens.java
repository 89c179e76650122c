package dev.tempered.sampler.policy;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The token ids that end a candidate: BOS (a sampled BOS starts a new story), EOS, and every token
 * that ends a sentence, so each candidate answers with one sentence as the reference does.
 */
public final class StopTokens {

  /** A sentence end, optionally followed by closing quotes, at the end of a piece. */
  private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?][\"'\u201D\u2019]*");

  private static final int BYTE_OFFSET = 3;
  private static final int BYTE_TOKENS = 256;

  private StopTokens() {}

  /** Computes the stop set from the tokenizer's pieces; call once per tokenizer. */
  public static Set<Integer> of(Llama2cTokenizer tokenizer) {
    Set<Integer> stops = new TreeSet<>();
    stops.add(Llama2cTokenizer.BOS);
    stops.add(Llama2cTokenizer.EOS);
    for (int id = 0; id < tokenizer.vocabSize(); id++) {
      if (endsSentence(tokenizer.piece(id)) || isSentenceEndByte(tokenizer, id)) {
        stops.add(id);
      }
    }
    return Set.copyOf(stops);
  }

  static boolean endsSentence(String piece) {
    return SENTENCE_END.matcher(piece).matches();
  }

  /**
   * Byte-fallback tokens read {@code <0x2E>} as pieces, yet the model can sample the byte for '.'
   * directly; decoded it ends a sentence just like the piece does.
   */
  private static boolean isSentenceEndByte(Llama2cTokenizer tokenizer, int id) {
    if (id < BYTE_OFFSET
        || id >= BYTE_OFFSET + BYTE_TOKENS
        || !tokenizer.piece(id).startsWith("<0x")) {
      return false;
    }
    char b = (char) (id - BYTE_OFFSET);
    return b == '.' || b == '!' || b == '?';
  }
}
