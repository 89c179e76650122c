package dev.tempered.reward.scoring;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifiable numeric answers in GSM8K's format, where the final answer follows {@code #### }.
 * Extraction is verl's GSM8K reward ({@code extract_solution}, method "strict"): the last match of
 * {@code #### (-?[0-9.,]+)} with commas removed, compared as strings to the reference's answer
 * extracted the same way. Two deliberate differences from verl: the whole text is searched (verl
 * looks at its last 300 characters only, as a speed-up), and a reference that is itself a bare
 * number counts as its own answer.
 */
public final class NumericAnswer {

  private static final Pattern ANSWER = Pattern.compile("#### (-?[0-9.,]+)");
  private static final Pattern BARE_NUMBER = Pattern.compile("-?[0-9.,]+");

  private NumericAnswer() {}

  /** The answer after the last {@code #### } in {@code text}, without commas. */
  public static Optional<String> extract(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = ANSWER.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return Optional.ofNullable(last).map(answer -> answer.replace(",", ""));
  }

  /**
   * 1.0 when the candidate's extracted answer equals the reference's, else 0.0 (also when either
   * has none, so a reference without an answer rewards nothing rather than failing the group).
   */
  public static double score(String candidate, String reference) {
    Optional<String> expected = referenceAnswer(reference);
    Optional<String> actual = extract(candidate);
    return expected.isPresent() && expected.equals(actual) ? 1.0 : 0.0;
  }

  /** 1.0 when {@code text} holds a {@code #### <number>} answer at all: GSM8K's format check. */
  public static double format(String text) {
    return extract(text).isPresent() ? 1.0 : 0.0;
  }

  static Optional<String> referenceAnswer(String reference) {
    Optional<String> answer = extract(reference);
    if (answer.isEmpty() && reference != null) {
      String stripped = ExactMatch.strip(reference);
      if (BARE_NUMBER.matcher(stripped).matches()) {
        return Optional.of(stripped.replace(",", ""));
      }
    }
    return answer;
  }
}
