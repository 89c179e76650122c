package dev.tempered.launcher.cli;

import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a job over the gateway's event stream until it reaches a terminal state, reconnecting
 * after the last event seen when a stream ends early (its time limit on the gateway, a dropped
 * connection), optionally giving up at a deadline.
 */
final class JobFollower {

  static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

  private final GatewayClient gateway;

  JobFollower(GatewayClient gateway) {
    this.gateway = gateway;
  }

  /** Streams the job's events to {@code printer} until it ends; returns its final state. */
  String toTheEnd(String id, EventPrinter printer) {
    while (true) {
      try {
        gateway.stream(id, printer.lastId(), printer::print);
      } catch (UncheckedIOException e) {
        // The connection dropped: ask for the job and reconnect below.
      }
      String state = Json.text(gateway.get("/v1/jobs/" + id), "state", printer.lastState());
      if (TERMINAL.contains(state)) {
        return state;
      }
      try {
        Thread.sleep(RECONNECT_AFTER.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return state;
      }
    }
  }

  /**
   * As {@link #toTheEnd(String, EventPrinter)}, but gives up when {@code timeout} has passed: the
   * stream is read on a daemon thread, and the printer is muted when it is left behind.
   *
   * @return the final state, or empty when the job had not ended in time
   */
  Optional<String> toTheEnd(String id, EventPrinter printer, Duration timeout) {
    CompletableFuture<String> state = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                state.complete(toTheEnd(id, printer));
              } catch (RuntimeException e) {
                state.completeExceptionally(e);
              }
            },
            "job-events-" + id);
    reader.setDaemon(true);
    reader.start();
    try {
      return Optional.of(state.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      printer.mute();
      reader.interrupt();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      printer.mute();
      throw new IllegalStateException("interrupted while following job " + id, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("following job " + id + " failed", e.getCause());
    }
  }
}
