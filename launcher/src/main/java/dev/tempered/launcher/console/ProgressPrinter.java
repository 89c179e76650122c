package dev.tempered.launcher.console;

import dev.tempered.launcher.job.JobSnapshot;
import java.util.Optional;
import java.util.OptionalLong;

/** One line per optimiser step that is new since the last poll. */
public final class ProgressPrinter {

  private final OptionalLong fallbackTotal;
  private long lastStep;

  /** {@code fallbackTotal}: the submitted {@code training.steps}, for views that omit the total. */
  public ProgressPrinter(OptionalLong fallbackTotal) {
    this.fallbackTotal = fallbackTotal;
  }

  /** The line for {@code job} if it reached a step not printed before. */
  public Optional<String> update(JobSnapshot job) {
    OptionalLong step = job.step();
    if (step.isEmpty() || step.getAsLong() <= lastStep) {
      return Optional.empty();
    }
    lastStep = step.getAsLong();
    return Optional.of(line(job, fallbackTotal));
  }

  /** {@code step 12/40 reward 0.321 kl 0.0041 policy v1 tokens/s 2345}. */
  static String line(JobSnapshot job, OptionalLong fallbackTotal) {
    OptionalLong total = job.totalSteps().isPresent() ? job.totalSteps() : fallbackTotal;
    OptionalLong version = job.policyVersion();
    return "step "
        + Numbers.whole(job.step())
        + "/"
        + Numbers.whole(total)
        + "  reward "
        + Numbers.fixed(job.latestReward(), 3)
        + "  kl "
        + Numbers.fixed(job.kl(), 4)
        + "  policy "
        + (version.isPresent() ? "v" + version.getAsLong() : Numbers.MISSING)
        + "  tokens/s "
        + Numbers.fixed(job.tokensPerSecond(), 0);
  }
}
