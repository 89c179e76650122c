package dev.tempered.noise.operator;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text cut where the model's tokenizer cuts it: one unit per token, except that a run of byte
 * fallback tokens is one unit (together they spell whole characters). The tokenizer encodes {@code
 * " " + text} (SentencePiece's dummy prefix), so a unit's clean-text span leaves that space out.
 */
final class TokenUnits {

  /**
   * One unit: its text as the tokenizer sees it and its [start, end) span in the clean text.
   *
   * @param dummyPrefix whether {@code piece} begins with the dummy space, which the clean text does
   *     not contain
   * @param firstToken the index of the unit's first token in {@code encode(text, false, false)}
   * @param tokenCount how many tokens the unit spans (more than one only for a byte run)
   */
  record Unit(
      String piece, int start, int end, boolean dummyPrefix, int firstToken, int tokenCount) {

    /** What to write over this unit's span so that it reads as {@code newPiece} in its place. */
    String replacement(String newPiece) {
      return dummyPrefix && newPiece.startsWith(" ") ? newPiece.substring(1) : newPiece;
    }

    /** Whether the unit starts a word, i.e. its piece begins with a space. */
    boolean startsWord() {
      return piece.startsWith(" ");
    }
  }

  private TokenUnits() {}

  /**
   * The units of {@code text}; a first unit that is only the dummy space is left out, since it has
   * no characters in the clean text to change.
   */
  static List<Unit> of(Llama2cTokenizer tokenizer, String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    int[] tokens = tokenizer.encode(text, false, false);
    List<Unit> units = new ArrayList<>();
    int offset = -1; // clean-text position of the next piece's first character
    int i = 0;
    while (i < tokens.length) {
      int j = i + 1;
      while (isByte(tokenizer, tokens[i]) && j < tokens.length && isByte(tokenizer, tokens[j])) {
        j++;
      }
      String piece = tokenizer.decodeContinuation(Arrays.copyOfRange(tokens, i, j));
      boolean dummy = offset < 0;
      int start = Math.max(0, offset);
      int end = offset + piece.length();
      if (!(dummy && piece.equals(" "))) {
        units.add(new Unit(piece, start, end, dummy, i, j - i));
      }
      offset = end;
      i = j;
    }
    if (offset != text.length()) {
      throw new IllegalStateException(
          "the tokenizer's pieces do not spell the text back ("
              + offset
              + " of "
              + text.length()
              + " characters): "
              + text);
    }
    return units;
  }

  /** Whether {@code token} is a byte fallback token ({@code <0xHH>}). */
  static boolean isByte(Llama2cTokenizer tokenizer, int token) {
    return token >= 3 && token < 259 && tokenizer.piece(token).startsWith("<0x");
  }
}
