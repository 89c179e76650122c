package dev.tempered.launcher.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One progress line per step: a bar, the step, the mean reward, the KL to the reference, the policy
 * version, the tokens per second and the time left, estimated from the steps per second since the
 * first step seen. Missing values are left out.
 */
final class ProgressBar {

  private static final int WIDTH = 24;

  private final long totalSteps;
  private Instant firstAt;
  private long firstStep;

  ProgressBar(long totalSteps) {
    this.totalSteps = totalSteps;
  }

  /** What a PROGRESS event says about its step. */
  record Step(
      long step,
      OptionalDouble reward,
      OptionalDouble kl,
      OptionalLong policyVersion,
      OptionalDouble tokensPerSecond,
      Instant at) {

    /** A step of which only the reward is known. */
    static Step of(long step, OptionalDouble reward, Instant at) {
      return new Step(
          step, reward, OptionalDouble.empty(), OptionalLong.empty(), OptionalDouble.empty(), at);
    }
  }

  String line(Step s) {
    long step = s.step();
    Instant at = s.at();
    if (firstAt == null) {
      firstAt = at;
      firstStep = step;
    }
    int filled = totalSteps <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * step / totalSteps);
    StringBuilder line = new StringBuilder("[");
    line.append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] step ");
    line.append(step).append('/').append(totalSteps);
    s.reward().ifPresent(r -> line.append(String.format(Locale.ROOT, "  reward %.4f", r)));
    s.kl().ifPresent(kl -> line.append(String.format(Locale.ROOT, "  kl %.4f", kl)));
    s.policyVersion().ifPresent(v -> line.append("  policy v").append(v));
    s.tokensPerSecond()
        .ifPresent(t -> line.append(String.format(Locale.ROOT, "  tokens/s %.0f", t)));
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
