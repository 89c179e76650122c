package dev.tempered.noise.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Drops whitespace-separated words, each with probability {@code strength * 0.5}, together with one
 * adjacent space; at least one word always survives so the prompt is never empty.
 */
public final class WordDropoutOperator implements NoiseOperator {

  public static final String KIND = "word-dropout";

  /** Even at full strength half the words stay, so the prompt keeps some meaning. */
  static final double MAX_DROP_PROBABILITY = 0.5;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    List<Words.Span> words = Words.tokens(text);
    double p = strength * MAX_DROP_PROBABILITY;
    boolean[] drop = new boolean[words.size()];
    List<Integer> dropped = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      drop[i] = random.nextDouble() < p;
      if (drop[i]) {
        dropped.add(i);
      }
    }
    if (!words.isEmpty() && dropped.size() == words.size()) {
      drop[dropped.get(random.nextInt(dropped.size()))] = false;
    }
    TextEditor editor = new TextEditor(KIND, text);
    int consumed = 0;
    for (int i = 0; i < words.size(); i++) {
      if (drop[i]) {
        int[] span = withOneSpace(text, words.get(i), consumed);
        editor.replace(span[0], span[1], "");
        consumed = span[1];
      }
    }
    return editor.result();
  }

  // Take the space before the word unless an earlier removal already took it (or there is none,
  // as for the first word); then take the space after it instead.
  private static int[] withOneSpace(String text, Words.Span word, int consumed) {
    int before = word.start() - 1;
    if (before >= consumed && Character.isWhitespace(text.charAt(before))) {
      return new int[] {before, word.end()};
    }
    if (word.end() < text.length() && Character.isWhitespace(text.charAt(word.end()))) {
      return new int[] {word.start(), word.end() + 1};
    }
    return new int[] {word.start(), word.end()};
  }
}
