package dev.tempered.launcher.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a child process and everything it started, politely first. */
public final class ProcessTrees {

  private ProcessTrees() {}

  /** Sends SIGTERM to the process and its descendants without waiting. */
  public static void requestStop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  /**
   * Waits up to {@code grace} for a stop requested earlier, then kills what is left. SIGTERM first
   * because Spring and Kafka close their consumers and logs cleanly on it.
   */
  public static void awaitStop(Process process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** {@link #requestStop} then {@link #awaitStop}. */
  public static void stop(Process process, Duration grace) {
    requestStop(process);
    awaitStop(process, grace);
  }
}
