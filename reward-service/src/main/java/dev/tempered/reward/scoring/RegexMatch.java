package dev.tempered.reward.scoring;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A format check with a job's own regular expression: 1 when the pattern is found anywhere in the
 * candidate (Python's {@code re.search}, Java's {@link java.util.regex.Matcher#find()}), else 0.
 */
public final class RegexMatch implements RewardComponent {

  private final Pattern pattern;

  /**
   * A check for {@code regex}.
   *
   * @throws IllegalArgumentException naming the syntax error
   */
  public RegexMatch(String regex) {
    if (regex == null || regex.isEmpty()) {
      throw new IllegalArgumentException("the regex reward component needs reward.regex");
    }
    try {
      this.pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("reward.regex does not compile: " + e.getMessage(), e);
    }
  }

  @Override
  public double score(String candidate, String reference) {
    return candidate != null && pattern.matcher(candidate).find() ? 1.0 : 0.0;
  }
}
