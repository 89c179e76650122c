package dev.tempered.launcher.console;

import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.job.RobustnessReport;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/** The robustness report as tables: the baseline before training, and every version after it. */
public final class ReportPrinter {

  private ReportPrinter() {}

  /** The untrained policy (version 0): clean and noisy scores overall and per noise group. */
  public static String before(RobustnessReport report) {
    Optional<JsonNode> baseline = report.version(0);
    if (baseline.isEmpty()) {
      return "Robustness before training: no evaluation of policy v0 yet\n";
    }
    JsonNode v0 = baseline.get();
    return "Robustness before training (policy v0, "
        + scored(v0)
        + " held-out prompts)\n"
        + groups(v0).render("  ")
        + "  worst group under noise: "
        + Json.text(v0, "worstGroup", Numbers.MISSING)
        + "\n";
  }

  /** Every evaluated version, the groups of the newest complete one, and the before/after test. */
  public static String after(RobustnessReport report) {
    List<JsonNode> versions = report.versions();
    if (versions.isEmpty()) {
      return "Robustness after training: the report has no evaluations\n";
    }
    StringBuilder text = new StringBuilder("Robustness by policy version\n");
    Table table = new Table("version", "prompts", "clean", "noisy", "gap", "worst group");
    for (JsonNode v : versions) {
      table.row(
          "v" + Numbers.whole(Json.integer(v, "policyVersion")),
          scored(v),
          Numbers.fixed(Json.number(v, "meanClean"), 3),
          Numbers.fixed(Json.number(v, "meanNoisy"), 3),
          Numbers.fixed(Json.number(v, "gap"), 3),
          Json.text(v, "worstGroup", Numbers.MISSING));
    }
    text.append(table.render("  "));
    report
        .newestCompleteVersion()
        .ifPresent(
            newest ->
                report
                    .version(newest)
                    .ifPresent(
                        v -> {
                          text.append("Groups of policy v")
                              .append(newest)
                              .append('\n')
                              .append(groups(v).render("  "));
                          families(v)
                              .ifPresent(
                                  t ->
                                      text.append("Families of policy v")
                                          .append(newest)
                                          .append('\n')
                                          .append(t.render("  ")));
                          strengths(v)
                              .ifPresent(
                                  t ->
                                      text.append("Noise strengths of policy v")
                                          .append(newest)
                                          .append('\n')
                                          .append(t.render("  ")));
                        }));
    text.append(
        report
            .comparison()
            .map(ReportPrinter::comparison)
            .orElse("Before/after: no comparison yet (needs a complete evaluation after v0)\n"));
    return text.toString();
  }

  private static String comparison(JsonNode c) {
    String before = "v" + Numbers.whole(Json.integer(c, "baselineVersion"));
    String after = "v" + Numbers.whole(Json.integer(c, "version"));
    OptionalDouble lower = Json.number(c, "ci95.lower");
    OptionalDouble upper = Json.number(c, "ci95.upper");
    Table table = new Table("", "");
    table.row(
        "mean noisy score before (" + before + ")",
        Numbers.fixed(Json.number(c, "meanNoisyBefore"), 3));
    table.row(
        "mean noisy score after (" + after + ")",
        Numbers.fixed(Json.number(c, "meanNoisyAfter"), 3));
    table.row(
        "paired difference (after - before)", Numbers.signed(Json.number(c, "meanDifference"), 3));
    table.row("paired prompts", Numbers.whole(Json.integer(c, "pairedPrompts")));
    table.row(
        "95% CI of the difference",
        "[" + Numbers.signed(lower, 3) + ", " + Numbers.signed(upper, 3) + "]");
    return "Before/after on noisy prompts\n"
        + table.render("  ")
        + "  "
        + verdict(lower, upper)
        + "\n";
  }

  /** Reads the interval as a person would: does it exclude zero, and on which side. */
  static String verdict(OptionalDouble lower, OptionalDouble upper) {
    if (lower.isEmpty() || upper.isEmpty()) {
      return "no confidence interval yet";
    }
    if (lower.getAsDouble() > 0) {
      return "training improved the noisy-prompt score (the 95% CI lies above 0)";
    }
    if (upper.getAsDouble() < 0) {
      return "training lowered the noisy-prompt score (the 95% CI lies below 0)";
    }
    return "no significant change in the noisy-prompt score (the 95% CI contains 0)";
  }

  private static Table groups(JsonNode version) {
    Table table = new Table("group", "prompts", "clean", "noisy", "gap");
    table.row(
        "all",
        Numbers.whole(Json.integer(version, "scored")),
        Numbers.fixed(Json.number(version, "meanClean"), 3),
        Numbers.fixed(Json.number(version, "meanNoisy"), 3),
        Numbers.fixed(Json.number(version, "gap"), 3));
    for (JsonNode g : version.path("groups").values()) {
      table.row(
          Json.text(g, "group", Numbers.MISSING),
          Numbers.whole(Json.integer(g, "scored")),
          Numbers.fixed(Json.number(g, "meanClean"), 3),
          Numbers.fixed(Json.number(g, "meanNoisy"), 3),
          Numbers.fixed(Json.number(g, "gap"), 3));
    }
    return table;
  }

  /** Per noise family; absent when the gateway reports no families (older gateways). */
  private static Optional<Table> families(JsonNode version) {
    if (version.path("families").isEmpty()) {
      return Optional.empty();
    }
    Table table = new Table("family", "prompts", "clean", "noisy", "gap");
    for (JsonNode f : version.path("families").values()) {
      table.row(
          Json.text(f, "group", Numbers.MISSING),
          Numbers.whole(Json.integer(f, "scored")),
          Numbers.fixed(Json.number(f, "meanClean"), 3),
          Numbers.fixed(Json.number(f, "meanNoisy"), 3),
          Numbers.fixed(Json.number(f, "gap"), 3));
    }
    return Optional.of(table);
  }

  /**
   * Per noise strength, all prompts and then each family; absent when the gateway reports no
   * strengths (older gateways, or scores from before strengths were recorded).
   */
  private static Optional<Table> strengths(JsonNode version) {
    if (version.path("strengths").isEmpty()) {
      return Optional.empty();
    }
    Table table = new Table("strength", "family", "prompts", "clean", "noisy", "gap");
    for (JsonNode s : version.path("strengths").values()) {
      String strength = Numbers.fixed(Json.number(s, "strength"), 2);
      strengthRow(table, strength, "all", s);
      for (JsonNode f : s.path("families").values()) {
        strengthRow(table, strength, Json.text(f, "group", Numbers.MISSING), f);
      }
    }
    return Optional.of(table);
  }

  private static void strengthRow(Table table, String strength, String family, JsonNode means) {
    table.row(
        strength,
        family,
        Numbers.whole(Json.integer(means, "scored")),
        Numbers.fixed(Json.number(means, "meanClean"), 3),
        Numbers.fixed(Json.number(means, "meanNoisy"), 3),
        Numbers.fixed(Json.number(means, "gap"), 3));
  }

  private static String scored(JsonNode version) {
    return Numbers.whole(Json.integer(version, "scored"))
        + "/"
        + Numbers.whole(Json.integer(version, "expected"));
  }
}
