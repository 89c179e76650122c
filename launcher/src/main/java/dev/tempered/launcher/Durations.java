package dev.tempered.launcher;

import java.time.Duration;
import java.util.Locale;

/** Durations on the command line: {@code 90s}, {@code 20m}, {@code 1h}, or plain seconds. */
final class Durations {

  private Durations() {}

  /** {@code 20m}, {@code 90s} or {@code 250ms}: the largest unit that divides the duration. */
  static String format(Duration duration) {
    if (duration.toMillis() % 60_000 == 0) {
      return duration.toMinutes() + "m";
    }
    if (duration.toMillis() % 1000 == 0) {
      return duration.toSeconds() + "s";
    }
    return duration.toMillis() + "ms";
  }

  static Duration parse(String option, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (value.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        duration = Duration.ofSeconds(Long.parseLong(value));
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, got '" + text + "'");
      }
      return duration;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " takes a duration such as 90s, 20m or 1h, got '" + text + "'");
    }
  }
}
