package dev.tempered.noise.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The single-character edits of the character-level operators; each picks one place in a word and
 * names the smallest span it changes, so the recorded op shows exactly the touched characters.
 */
enum CharacterEdit {
  /** A letter replaced by a neighbouring QWERTY key. */
  KEYBOARD("keyboard-typo") {
    @Override
    Change edit(String word, RandomGenerator random) {
      List<Integer> keys = positions(word, i -> Keyboard.hasNeighbours(word.charAt(i)));
      if (keys.isEmpty()) {
        return null;
      }
      int i = keys.get(random.nextInt(keys.size()));
      return new Change(i, i + 1, String.valueOf(Keyboard.neighbour(word.charAt(i), random)));
    }
  },
  /** Two adjacent different characters exchanged. */
  SWAP("char-swap") {
    @Override
    Change edit(String word, RandomGenerator random) {
      List<Integer> pairs =
          positions(word, i -> i + 1 < word.length() && word.charAt(i) != word.charAt(i + 1));
      if (pairs.isEmpty()) {
        return null;
      }
      int i = pairs.get(random.nextInt(pairs.size()));
      return new Change(i, i + 2, "" + word.charAt(i + 1) + word.charAt(i));
    }
  },
  /** One character deleted; one-letter words are left alone so no word disappears. */
  DROP("char-drop") {
    @Override
    Change edit(String word, RandomGenerator random) {
      if (word.length() < 2) {
        return null;
      }
      int i = random.nextInt(word.length());
      return new Change(i, i + 1, "");
    }
  },
  /** A neighbouring key of a letter typed right after it, as when two keys are hit at once. */
  INSERT("char-insert") {
    @Override
    Change edit(String word, RandomGenerator random) {
      List<Integer> keys = positions(word, i -> Keyboard.hasNeighbours(word.charAt(i)));
      if (keys.isEmpty()) {
        return null;
      }
      int i = keys.get(random.nextInt(keys.size()));
      return new Change(i + 1, i + 1, String.valueOf(Keyboard.neighbour(word.charAt(i), random)));
    }
  },
  /** One letter's case flipped. */
  CASE("char-case") {
    @Override
    Change edit(String word, RandomGenerator random) {
      List<Integer> letters = positions(word, i -> flipCase(word.charAt(i)) != word.charAt(i));
      if (letters.isEmpty()) {
        return null;
      }
      int i = letters.get(random.nextInt(letters.size()));
      return new Change(i, i + 1, String.valueOf(flipCase(word.charAt(i))));
    }
  };

  /** Replace word offsets [start, end) with {@code after}. */
  record Change(int start, int end, String after) {}

  private final String kind;

  CharacterEdit(String kind) {
    this.kind = kind;
  }

  String kind() {
    return kind;
  }

  /** The edit of {@code word} at a random eligible place, or null when the word has none. */
  abstract Change edit(String word, RandomGenerator random);

  static char flipCase(char c) {
    return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
  }

  private static List<Integer> positions(String word, java.util.function.IntPredicate eligible) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < word.length(); i++) {
      if (eligible.test(i)) {
        out.add(i);
      }
    }
    return out;
  }
}
