package dev.tempered.launcher;

import dev.tempered.launcher.console.ProgressPrinter;
import dev.tempered.launcher.console.ReportPrinter;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.JobSnapshot;
import dev.tempered.launcher.job.RobustnessReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Follows one job on the gateway until it ends: a line per new step, the baseline report once
 * version 0 is fully evaluated, and the full report at the end.
 */
public final class JobMonitor {

  /** Polls that may fail in a row (e.g. a long GC pause of the gateway) before giving up. */
  private static final int MAX_FAILED_POLLS = 5;

  private final GatewayClient gateway;
  private final PrintStream out;
  private final Duration pollEvery;

  /**
   * How the watch ended.
   *
   * @param job the last job view seen
   * @param report the last report seen, if the gateway had one
   * @param timedOut true when the job was still running at the deadline
   */
  public record Outcome(JobSnapshot job, Optional<RobustnessReport> report, boolean timedOut) {

    public boolean succeeded() {
      return !timedOut && "SUCCEEDED".equals(job.state());
    }
  }

  public JobMonitor(GatewayClient gateway, PrintStream out, Duration pollEvery) {
    this.gateway = gateway;
    this.out = out;
    this.pollEvery = pollEvery;
  }

  /** Polls until the job is terminal or {@code timeout} passes; {@code totalSteps} fills gaps. */
  public Outcome watch(String jobId, OptionalLong totalSteps, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    ProgressPrinter progress = new ProgressPrinter(totalSteps);
    String lastState = "";
    boolean baselinePrinted = false;
    Optional<RobustnessReport> report = Optional.empty();
    int failures = 0;
    while (true) {
      JobSnapshot job;
      try {
        job = new JobSnapshot(gateway.job(jobId));
        if (!job.isTerminal() && !baselinePrinted) {
          report = gateway.report(jobId).map(RobustnessReport::new);
        }
        failures = 0;
      } catch (IllegalStateException e) {
        if (++failures >= MAX_FAILED_POLLS) {
          throw e;
        }
        out.println("(gateway did not answer: " + e.getMessage() + "; retrying)");
        pause();
        continue;
      }
      if (!job.state().equals(lastState)) {
        lastState = job.state();
        out.println("job " + jobId + " " + lastState + job.error().map(e -> ": " + e).orElse(""));
      }
      progress.update(job).ifPresent(out::println);
      if (!baselinePrinted && report.map(r -> r.isComplete(0)).orElse(false)) {
        out.print(ReportPrinter.before(report.get()));
        baselinePrinted = true;
      }
      if (job.isTerminal()) {
        report = gateway.report(jobId).map(RobustnessReport::new);
        report.ifPresent(r -> out.print(ReportPrinter.after(r)));
        return new Outcome(job, report, false);
      }
      if (Instant.now().isAfter(deadline)) {
        out.println(
            "job "
                + jobId
                + " did not finish within "
                + Durations.format(timeout)
                + " (state "
                + job.state()
                + "); the report so far:");
        report = gateway.report(jobId).map(RobustnessReport::new);
        report.ifPresent(r -> out.print(ReportPrinter.after(r)));
        return new Outcome(job, report, true);
      }
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(pollEvery.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following the job", e);
    }
  }
}
