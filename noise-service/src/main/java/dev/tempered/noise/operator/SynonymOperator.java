package dev.tempered.noise.operator;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Replaces words by synonyms: each word with at least one synonym is, with probability equal to the
 * strength, swapped for one of them chosen at random, keeping the word's leading capital.
 */
public final class SynonymOperator implements NoiseOperator {

  public static final String KIND = "synonym";

  private final Synonyms synonyms;

  public SynonymOperator(Synonyms synonyms) {
    this.synonyms = synonyms;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    TextEditor editor = new TextEditor(KIND, text);
    for (Words.Span word : Words.letterRuns(text)) {
      // Only the first letter may be a capital: "LOUD" or "McDonald" are not plain words.
      String lower = word.text().toLowerCase(Locale.ROOT);
      if (!word.text().substring(1).equals(lower.substring(1))) {
        continue;
      }
      List<String> options = synonyms.of(lower);
      if (options.isEmpty() || random.nextDouble() >= strength) {
        continue;
      }
      String choice = options.get(random.nextInt(options.size()));
      editor.replace(
          word.start(), word.end(), MisspellingOperator.matchLeadingCase(word.text(), choice));
    }
    return editor.result();
  }
}
