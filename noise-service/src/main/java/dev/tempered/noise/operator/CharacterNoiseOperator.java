package dev.tempered.noise.operator;

import java.util.random.RandomGenerator;

/**
 * A character-level operator: each word (letter run) gets, with probability equal to the strength,
 * one {@link CharacterEdit} at a random eligible place; words the edit cannot touch stay as they
 * are.
 */
public final class CharacterNoiseOperator implements NoiseOperator {

  public static final String KEYBOARD = CharacterEdit.KEYBOARD.kind();
  public static final String SWAP = CharacterEdit.SWAP.kind();
  public static final String DROP = CharacterEdit.DROP.kind();
  public static final String INSERT = CharacterEdit.INSERT.kind();
  public static final String CASE = CharacterEdit.CASE.kind();

  private final CharacterEdit edit;

  private CharacterNoiseOperator(CharacterEdit edit) {
    this.edit = edit;
  }

  /** The operator of {@code kind}, or null when no character edit has that name. */
  static CharacterNoiseOperator of(String kind) {
    for (CharacterEdit e : CharacterEdit.values()) {
      if (e.kind().equals(kind)) {
        return new CharacterNoiseOperator(e);
      }
    }
    return null;
  }

  @Override
  public String kind() {
    return edit.kind();
  }

  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    TextEditor editor = new TextEditor(kind(), text);
    for (Words.Span word : Words.letterRuns(text)) {
      if (random.nextDouble() >= strength) {
        continue;
      }
      CharacterEdit.Change change = edit.edit(word.text(), random);
      if (change != null) {
        editor.replace(word.start() + change.start(), word.start() + change.end(), change.after());
      }
    }
    return editor.result();
  }
}
