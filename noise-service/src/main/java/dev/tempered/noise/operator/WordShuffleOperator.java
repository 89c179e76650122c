package dev.tempered.noise.operator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Shuffles whitespace-separated words locally ({@link LocalShuffle}): at full strength a word moves
 * at most {@code window} places. Words keep their attached punctuation; the whitespace between them
 * stays where it was.
 */
public final class WordShuffleOperator implements NoiseOperator {

  public static final String KIND = "word-shuffle";

  /** Lample et al. (2018) use k = 3. */
  public static final int DEFAULT_WINDOW = 3;

  private final int window;

  public WordShuffleOperator(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("word-shuffle window must be >= 1, was " + window);
    }
    this.window = window;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    List<Words.Span> words = Words.tokens(text);
    int[] order = LocalShuffle.order(words.size(), window, strength, random);
    TextEditor editor = new TextEditor(KIND, text);
    // Each slot whose word changed is one op: its old word out, the word that moved there in.
    for (int slot = 0; slot < words.size(); slot++) {
      Words.Span here = words.get(slot);
      editor.replace(here.start(), here.end(), words.get(order[slot]).text());
    }
    return editor.result();
  }
}
