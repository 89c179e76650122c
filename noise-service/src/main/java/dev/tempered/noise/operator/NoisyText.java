package dev.tempered.noise.operator;

import dev.tempered.api.message.NoiseOp;
import java.util.List;

/**
 * An operator's output: the noisy text and the changes that, applied in order to the clean text,
 * produce it.
 */
public record NoisyText(String text, List<NoiseOp> ops) {

  public NoisyText {
    ops = List.copyOf(ops);
  }

  /** Applies {@code ops} one after another to {@code clean}; the inverse check of an operator. */
  public static String replay(String clean, List<NoiseOp> ops) {
    String text = clean;
    for (NoiseOp op : ops) {
      String found = text.substring(op.start(), op.end());
      if (!found.equals(op.before())) {
        throw new IllegalArgumentException(
            "op "
                + op
                + " expects '"
                + op.before()
                + "' at ["
                + op.start()
                + ", "
                + op.end()
                + ") but the text has '"
                + found
                + "'");
      }
      text = text.substring(0, op.start()) + op.after() + text.substring(op.end());
    }
    return text;
  }
}
