package dev.tempered.launcher.job;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/** The gateway's job view read leniently: every field may be missing. */
public record JobSnapshot(JsonNode node) {

  public String id() {
    return Json.text(node, "id", "");
  }

  /** {@code QUEUED}, {@code RUNNING}, ... or {@code UNKNOWN} when the view has no state. */
  public String state() {
    return Json.text(node, "state", "UNKNOWN");
  }

  /** Whether the job can change no more (the terminal states of {@code JobState}). */
  public boolean isTerminal() {
    return switch (state()) {
      case "SUCCEEDED", "FAILED", "CANCELLED" -> true;
      default -> false;
    };
  }

  public OptionalLong step() {
    return Json.integer(node, "step");
  }

  /** {@code totalSteps}, else the spec's {@code training.steps}. */
  public OptionalLong totalSteps() {
    OptionalLong total = Json.integer(node, "totalSteps");
    return total.isPresent() ? total : Json.integer(node, "spec.training.steps");
  }

  public OptionalDouble latestReward() {
    return Json.number(node, "latestReward");
  }

  public OptionalDouble kl() {
    return Json.number(node, "metrics.kl");
  }

  public OptionalLong policyVersion() {
    return Json.integer(node, "policyVersion");
  }

  public OptionalDouble tokensPerSecond() {
    return Json.number(node, "metrics.tokensPerSecond");
  }

  /** Version of the newest checkpoint ({@code checkpoint.version}). */
  public OptionalLong latestCheckpointVersion() {
    OptionalLong version = Json.integer(node, "checkpoint.version");
    return version.isPresent() ? version : Json.integer(node, "latestCheckpointVersion");
  }

  public Optional<String> error() {
    return Optional.of(Json.text(node, "error", "")).filter(text -> !text.isBlank());
  }
}
