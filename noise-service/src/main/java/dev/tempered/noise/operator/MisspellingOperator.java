package dev.tempered.noise.operator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Replaces words by real human misspellings of them: each word with known misspellings is swapped,
 * with probability equal to the strength, for one of them chosen at random.
 */
public final class MisspellingOperator implements NoiseOperator {

  public static final String KIND = "misspelling";

  private final Misspellings misspellings;

  public MisspellingOperator(Misspellings misspellings) {
    this.misspellings = misspellings;
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
      List<String> variants = misspellings.of(word.text());
      // The draw comes first for every candidate word so the choices of later words do not
      // depend on which earlier words happened to have one variant or several.
      if (variants.isEmpty() || random.nextDouble() >= strength) {
        continue;
      }
      String variant = variants.get(random.nextInt(variants.size()));
      editor.replace(word.start(), word.end(), matchLeadingCase(word.text(), variant));
    }
    return editor.result();
  }

  /** {@code variant} with its first letter in the case of {@code original}'s first letter. */
  static String matchLeadingCase(String original, String variant) {
    char first = variant.charAt(0);
    char wanted =
        Character.isUpperCase(original.charAt(0))
            ? Character.toUpperCase(first)
            : Character.toLowerCase(first);
    return wanted + variant.substring(1);
  }
}
