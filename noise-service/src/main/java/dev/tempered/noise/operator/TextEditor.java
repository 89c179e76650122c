package dev.tempered.noise.operator;

import dev.tempered.api.message.NoiseOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies non-overlapping replacements given in clean-text offsets, left to right, and records each
 * as a {@link NoiseOp} whose offsets point into the text as it was just before that change.
 */
final class TextEditor {

  private final String kind;
  private final String clean;
  private final StringBuilder out = new StringBuilder();
  private final List<NoiseOp> ops = new ArrayList<>();
  private int copiedUpTo;
  // Length change so far: a clean offset plus this shift is the same place in the current text.
  private int shift;

  TextEditor(String kind, String clean) {
    this.kind = kind;
    this.clean = clean;
  }

  /** Replaces clean-text span [start, end) with {@code after}; spans must come in order. */
  void replace(int start, int end, String after) {
    if (start < copiedUpTo || end < start || end > clean.length()) {
      throw new IllegalArgumentException(
          "span ["
              + start
              + ", "
              + end
              + ") overlaps an earlier edit"
              + " or lies outside a text of length "
              + clean.length());
    }
    String before = clean.substring(start, end);
    if (before.equals(after)) {
      return;
    }
    out.append(clean, copiedUpTo, start).append(after);
    ops.add(new NoiseOp(kind, start + shift, end + shift, before, after));
    shift += after.length() - before.length();
    copiedUpTo = end;
  }

  NoisyText result() {
    String text = out.toString() + clean.substring(copiedUpTo);
    return new NoisyText(text, ops);
  }
}
