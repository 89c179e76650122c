package dev.tempered.launcher.cli;

import dev.tempered.launcher.job.Json;
import java.io.PrintStream;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Prints a job's events as they come: state changes and checkpoints as lines, steps as a progress
 * bar (or every event as one JSON line), and remembers the final state.
 */
final class EventPrinter {

  private final PrintStream out;
  private final boolean json;
  private final ProgressBar bar;
  private String lastState = "";
  private long lastId;
  private volatile boolean muted;

  EventPrinter(PrintStream out, boolean json, long totalSteps) {
    this.out = out;
    this.json = json;
    this.bar = new ProgressBar(totalSteps);
  }

  /** Prints nothing more: whoever follows the job has given up on it (its deadline passed). */
  void mute() {
    muted = true;
  }

  synchronized void print(JsonNode event) {
    if (muted) {
      return;
    }
    long id = Json.integer(event, "id").orElse(lastId);
    if (id <= lastId && lastId > 0) {
      return; // already printed before a reconnect
    }
    lastId = id;
    String type = Json.text(event, "type", "");
    if (type.equals("STATE")) {
      lastState = Json.text(event, "to", lastState);
    }
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(event));
      return;
    }
    String at = Json.text(event, "at", "");
    switch (type) {
      case "STATE" ->
          out.println(
              at + "  " + Json.text(event, "from", "-") + " -> " + lastState + message(event));
      case "PROGRESS" ->
          out.println(
              bar.line(
                  new ProgressBar.Step(
                      Json.integer(event, "step").orElse(0),
                      Json.number(event, "metrics.rewardMean"),
                      Json.number(event, "metrics.kl"),
                      Json.integer(event, "policyVersion"),
                      Json.number(event, "metrics.tokensPerSecond"),
                      at.isEmpty() ? Instant.now() : Instant.parse(at))));
      case "CHECKPOINT" ->
          out.println(
              at
                  + "  checkpoint v"
                  + Json.integer(event, "checkpoint.version").orElse(-1)
                  + " at step "
                  + Json.integer(event, "checkpoint.step").orElse(-1)
                  + (event.path("checkpoint").path("last").asBoolean(false) ? " (last)" : ""));
      default -> out.println(Json.MAPPER.writeValueAsString(event));
    }
  }

  /** The id of the newest event printed, 0 before any. */
  long lastId() {
    return lastId;
  }

  /** The state of the newest STATE event printed, or "" before any. */
  String lastState() {
    return lastState;
  }

  private static String message(JsonNode event) {
    String message = Json.text(event, "message", "");
    return message.isEmpty() ? "" : "  (" + message + ")";
  }
}
