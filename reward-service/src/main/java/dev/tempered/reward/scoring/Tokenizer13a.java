package dev.tempered.reward.scoring;

import java.util.List;
import java.util.regex.Pattern;

/**
 * sacreBLEU's {@code 13a} tokenizer (the mteval-v13a.pl tokenisation WMT uses), the default of its
 * BLEU: unescapes a few HTML entities, then puts spaces around most ASCII punctuation, around
 * periods and commas unless both neighbours are digits, and after a dash that follows a digit.
 */
public final class Tokenizer13a {

  /**
   * {@code [{-~[-` -&(-+:-@/]}: ASCII punctuation except the apostrophe, comma, dash and period
   * (and, harmlessly, the space).
   */
  private static final Pattern PUNCTUATION =
      Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");

  private static final Pattern PERIOD_COMMA_NOT_AFTER_DIGIT = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern PERIOD_COMMA_NOT_BEFORE_DIGIT = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  private Tokenizer13a() {}

  /** The tokens of {@code line}, as sacreBLEU's {@code Tokenizer13a()(line).split()}. */
  public static List<String> tokenize(String line) {
    String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
    if (text.indexOf('&') >= 0) {
      text =
          text.replace("&quot;", "\"")
              .replace("&amp;", "&")
              .replace("&lt;", "<")
              .replace("&gt;", ">");
    }
    text = " " + text + " ";
    text = PUNCTUATION.matcher(text).replaceAll(" $1 ");
    text = PERIOD_COMMA_NOT_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
    text = PERIOD_COMMA_NOT_BEFORE_DIGIT.matcher(text).replaceAll(" $1 $2");
    text = DASH_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
    return PythonText.split(text);
  }
}
