package dev.tempered.reward.judge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parse rule of the judge's reply: the FIRST number in it (optional minus, digits, optional
 * decimals), which must lie in [0, 10], divided by 10. A reply without a number, or whose first
 * number is outside [0, 10] ("-1", "15"), is unparsable: a failure, never a guess.
 */
public final class JudgeReplies {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final double MAX_SCORE = 10;

  private JudgeReplies() {}

  /**
   * @throws JudgeFailure with reason {@link JudgeFailure.Reason#UNPARSABLE}
   */
  public static double score(String reply) throws JudgeFailure {
    Matcher m = NUMBER.matcher(reply == null ? "" : reply);
    if (!m.find()) {
      throw new JudgeFailure(
          JudgeFailure.Reason.UNPARSABLE, "the judge's reply holds no number: " + quote(reply));
    }
    double value = Double.parseDouble(m.group());
    if (value < 0 || value > MAX_SCORE) {
      throw new JudgeFailure(
          JudgeFailure.Reason.UNPARSABLE,
          "the first number of the judge's reply, "
              + m.group()
              + ", is outside [0, 10]: "
              + quote(reply));
    }
    return value / MAX_SCORE;
  }

  private static String quote(String reply) {
    String text = reply == null ? "" : reply;
    return '"' + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + '"';
  }
}
