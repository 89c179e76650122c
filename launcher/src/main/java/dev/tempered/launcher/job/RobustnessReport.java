package dev.tempered.launcher.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's robustness report read leniently: {@code versions} (one summary per evaluated
 * policy version) and {@code comparison} (baseline against the newest complete version).
 */
public record RobustnessReport(JsonNode node) {

  /** The per-version summaries, oldest first as the gateway lists them. */
  public List<JsonNode> versions() {
    List<JsonNode> versions = new ArrayList<>();
    node.path("versions").values().forEach(versions::add);
    return versions;
  }

  /** The summary of one policy version, when the report has one. */
  public Optional<JsonNode> version(long policyVersion) {
    return versions().stream()
        .filter(v -> Json.integer(v, "policyVersion").orElse(-1) == policyVersion)
        .findFirst();
  }

  /** Whether every held-out prompt has been scored under {@code policyVersion}. */
  public boolean isComplete(long policyVersion) {
    return version(policyVersion).map(RobustnessReport::isComplete).orElse(false);
  }

  /** The newest policy version whose evaluation is complete. */
  public OptionalLong newestCompleteVersion() {
    return versions().stream()
        .filter(RobustnessReport::isComplete)
        .mapToLong(v -> Json.integer(v, "policyVersion").orElse(-1))
        .max();
  }

  /** The before/after comparison, once the gateway has one. */
  public Optional<JsonNode> comparison() {
    JsonNode comparison = node.path("comparison");
    return comparison.isObject() ? Optional.of(comparison) : Optional.empty();
  }

  /** {@code complete}, else {@code scored >= expected} for gateways that only count. */
  static boolean isComplete(JsonNode version) {
    JsonNode complete = version.path("complete");
    if (complete.isBoolean()) {
      return complete.booleanValue();
    }
    OptionalLong scored = Json.integer(version, "scored");
    OptionalLong expected = Json.integer(version, "expected");
    return scored.isPresent()
        && expected.isPresent()
        && expected.getAsLong() > 0
        && scored.getAsLong() >= expected.getAsLong();
  }
}
