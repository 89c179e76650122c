package dev.tempered.launcher.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One progress line per step: a bar, the step, the mean reward and the time left, estimated from
 * the steps per second since the first step seen.
 */
final class ProgressBar {

  private static final int WIDTH = 24;

  private final long totalSteps;
  private Instant firstAt;
  private long firstStep;

  ProgressBar(long totalSteps) {
    this.totalSteps = totalSteps;
  }

  String line(long step, OptionalDouble reward, Instant at) {
    if (firstAt == null) {
      firstAt = at;
      firstStep = step;
    }
    int filled = totalSteps <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * step / totalSteps);
    StringBuilder line = new StringBuilder("[");
    line.append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] step ");
    line.append(step).append('/').append(totalSteps);
    reward.ifPresent(r -> line.append(String.format(java.util.Locale.ROOT, "  reward %.4f", r)));
    line.append("  ETA ").append(eta(step, at));
    return line.toString();
  }

  /** {@code ?} until two steps have been seen some time apart. */
  private String eta(long step, Instant at) {
    long done = step - firstStep;
    Duration elapsed = Duration.between(firstAt, at);
    if (done <= 0 || elapsed.isZero() || elapsed.isNegative()) {
      return "?";
    }
    double secondsPerStep = elapsed.toMillis() / 1000.0 / done;
    long left = Math.round(secondsPerStep * Math.max(0, totalSteps - step));
    return format(left);
  }

  static String format(long seconds) {
    if (seconds >= 3600) {
      return seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
    }
    if (seconds >= 60) {
      return seconds / 60 + "m" + String.format("%02ds", seconds % 60);
    }
    return seconds + "s";
  }
}
