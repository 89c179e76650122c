package dev.tempered.launcher.console;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Fixed-precision number formatting with {@code -} for a value the gateway did not send. */
final class Numbers {

  static final String MISSING = "-";

  private Numbers() {}

  static String fixed(OptionalDouble value, int decimals) {
    return value.isPresent() && Double.isFinite(value.getAsDouble())
        ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble())
        : MISSING;
  }

  /** Like {@link #fixed} with an explicit sign, for differences. */
  static String signed(OptionalDouble value, int decimals) {
    return value.isPresent() && Double.isFinite(value.getAsDouble())
        ? String.format(Locale.ROOT, "%+." + decimals + "f", value.getAsDouble())
        : MISSING;
  }

  static String whole(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : MISSING;
  }
}
