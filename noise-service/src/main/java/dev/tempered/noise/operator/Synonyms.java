package dev.tempered.noise.operator;

import java.util.List;

/** A source of substitutes for a word. */
@FunctionalInterface
public interface Synonyms {

  /**
   * Synonyms of {@code word} (lowercase) in a fixed order, none equal to the word itself; empty
   * when the word should be left alone.
   */
  List<String> of(String word);
}
