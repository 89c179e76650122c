package dev.tempered.reward.judge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The judge's user message from a template with {@code {prompt}}, {@code {candidate}} and {@code
 * {reference}}, replaced in one pass so text that itself contains a placeholder stays as it is.
 */
public final class JudgePrompt {

  public static final String DEFAULT_TEMPLATE =
      "Rate the answer from 0 to 10 for how well it continues the story like the reference does."
          + "\nStory: {prompt}\nReference: {reference}\nAnswer: {candidate}\nScore (0-10):";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(prompt|candidate|reference)}");

  private final String template;

  /**
   * @throws IllegalArgumentException when the template lacks {@code {candidate}}
   */
  public JudgePrompt(String template) {
    if (template == null || !template.contains("{candidate}")) {
      throw new IllegalArgumentException(
          "tempered.reward.judge.prompt-template must contain {candidate}, was " + template);
    }
    this.template = template;
  }

  public String render(String prompt, String candidate, String reference) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "prompt" -> prompt;
            case "candidate" -> candidate;
            default -> reference;
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
