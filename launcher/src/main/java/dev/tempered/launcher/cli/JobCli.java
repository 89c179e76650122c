package dev.tempered.launcher.cli;

import dev.tempered.launcher.console.ReportPrinter;
import dev.tempered.launcher.console.Table;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.JobFile;
import dev.tempered.launcher.job.JobSnapshot;
import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.job.RobustnessReport;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code tempered job <command>}: each command is one or a few calls to the gateway's job API. */
public final class JobCli {

  static final int USAGE_ERROR = 64;

  private final PrintStream out;
  private final PrintStream err;

  public JobCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Runs one command. {@code submit --wait} exits 0 when the job succeeded, 1 when it failed and 2
   * when it was cancelled; every other command 0 when the gateway answered, 1 when it refused.
   */
  public int run(String[] args, Map<String, String> env) {
    CliOptions options;
    try {
      options = CliOptions.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("tempered job: " + e.getMessage());
      err.print(CliOptions.USAGE);
      return USAGE_ERROR;
    }
    GatewayClient gateway = new GatewayClient(options.gateway(), options.apiKey());
    try {
      return switch (options.command()) {
        case "submit" -> submit(gateway, options);
        case "list" -> list(gateway, options);
        case "status" -> show(gateway.get(jobPath(options)), options, this::printJob);
        case "events" -> events(gateway, options);
        case "pause", "resume", "cancel" ->
            show(gateway.post(jobPath(options) + "/" + options.command()), options, this::printJob);
        case "checkpoints" ->
            show(gateway.get(jobPath(options) + "/checkpoints"), options, this::printCheckpoints);
        case "pairs" -> new PairCommands(out, err).pairs(gateway, options);
        case "label" -> new PairCommands(out, err).label(gateway, options);
        case "export-pairs" -> new PairCommands(out, err).export(gateway, options);
        case "report" ->
            show(
                gateway.get(jobPath(options) + "/report"),
                options,
                node -> out.print(ReportPrinter.after(new RobustnessReport(node))));
        default -> throw new IllegalStateException("unhandled command " + options.command());
      };
    } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
      err.println("tempered job: " + e.getMessage());
      return 1;
    }
  }

  private int submit(GatewayClient gateway, CliOptions options) {
    String spec = Json.MAPPER.writeValueAsString(JobFile.read(Path.of(options.argument())));
    String key =
        options.idempotencyKey() == null ? UUID.randomUUID().toString() : options.idempotencyKey();
    GatewayClient.Submitted submitted = gateway.submit(spec, key);
    if (!options.follow()) {
      return show(submitted.view(), options, this::printJob);
    }
    if (!options.json()) {
      out.println(
          "submitted " + submitted.id() + " (" + Json.text(submitted.view(), "name", "") + ")");
    }
    return follow(gateway, submitted.id(), submitted.view(), options);
  }

  /** Streams the job's events to its end; the exit status says how it ended. */
  private int follow(GatewayClient gateway, String id, JsonNode job, CliOptions options) {
    EventPrinter printer =
        new EventPrinter(out, options.json(), Json.integer(job, "totalSteps").orElse(0));
    String state = new JobFollower(gateway).toTheEnd(id, printer);
    if (!options.json()) {
      out.println("job " + id + " ended " + state);
    }
    return switch (state) {
      case "SUCCEEDED" -> 0;
      case "CANCELLED" -> 2;
      default -> 1;
    };
  }

  /**
   * {@code submit --wait} for a spec already read (the demo's path): submits it, prints its events
   * as they stream until it ends or {@code timeout} passes, then the robustness report before and
   * after training and how the job ended.
   */
  public FollowOutcome submitAndFollow(GatewayClient gateway, String specJson, Duration timeout) {
    GatewayClient.Submitted submitted = gateway.submit(specJson, UUID.randomUUID().toString());
    String id = submitted.id();
    out.println("submitted " + id + " (" + Json.text(submitted.view(), "name", "") + ")");
    EventPrinter printer =
        new EventPrinter(out, false, Json.integer(submitted.view(), "totalSteps").orElse(0));
    Optional<String> ended = new JobFollower(gateway).toTheEnd(id, printer, timeout);
    JobSnapshot job = new JobSnapshot(gateway.job(id));
    if (ended.isEmpty()) {
      out.println(
          "job "
              + id
              + " did not finish within "
              + ProgressBar.format(timeout.toSeconds())
              + " (state "
              + job.state()
              + "); the report so far:");
    }
    Optional<RobustnessReport> report = gateway.report(id).map(RobustnessReport::new);
    report.ifPresent(r -> out.print(ReportPrinter.before(r) + ReportPrinter.after(r)));
    out.println(
        "job "
            + id
            + " ended "
            + (ended.isEmpty() ? "TIMED OUT" : job.state())
            + job.error().map(e -> ": " + e).orElse(""));
    return new FollowOutcome(job, report, ended.isEmpty());
  }

  private int list(GatewayClient gateway, CliOptions options) {
    String filter =
        options.status() == null
            ? ""
            : "&status=" + URLEncoder.encode(options.status(), StandardCharsets.UTF_8);
    Table table = new Table("ID", "NAME", "STATE", "STEP", "REWARD");
    String cursor = null;
    do {
      String page =
          "/v1/jobs?limit=100"
              + filter
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode jobs = gateway.get(page);
      for (JsonNode job : jobs.path("jobs")) {
        if (options.json()) {
          out.println(Json.MAPPER.writeValueAsString(job));
        } else {
          table.row(
              Json.text(job, "id", ""),
              Json.text(job, "name", ""),
              Json.text(job, "state", ""),
              Json.integer(job, "step").orElse(0) + "/" + Json.integer(job, "totalSteps").orElse(0),
              number(job, "latestReward"));
        }
      }
      cursor = Json.text(jobs, "nextCursor", null);
    } while (cursor != null);
    if (!options.json()) {
      out.print(table.render(""));
    }
    return 0;
  }

  private int events(GatewayClient gateway, CliOptions options) {
    String id = options.argument();
    JsonNode job = gateway.get("/v1/jobs/" + id);
    EventPrinter printer =
        new EventPrinter(out, options.json(), Json.integer(job, "totalSteps").orElse(0));
    if (options.follow()) {
      new JobFollower(gateway).toTheEnd(id, printer);
      return 0;
    }
    long after = 0;
    JsonNode page;
    do {
      page = gateway.get("/v1/jobs/" + id + "/events?limit=1000&after=" + after);
      page.path("events").forEach(printer::print);
      after = Json.integer(page, "next").orElse(after);
    } while (page.path("more").asBoolean(false));
    return 0;
  }

  private int show(JsonNode node, CliOptions options, java.util.function.Consumer<JsonNode> text) {
    if (options.json()) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } else {
      text.accept(node);
    }
    return 0;
  }

  private void printJob(JsonNode job) {
    Table table = new Table("", "");
    table.row("id", Json.text(job, "id", ""));
    table.row("name", Json.text(job, "name", ""));
    table.row("state", Json.text(job, "state", ""));
    table.row(
        "step",
        Json.integer(job, "step").orElse(0) + "/" + Json.integer(job, "totalSteps").orElse(0));
    table.row("reward", number(job, "latestReward"));
    table.row("loss", number(job, "latestLoss"));
    table.row(
        "checkpoint",
        Json.integer(job, "checkpoint.version").isPresent()
            ? "v" + Json.integer(job, "checkpoint.version").getAsLong()
            : "-");
    table.row("submitted", Json.text(job, "submittedAt", "-"));
    Json.text(job, "error", "").lines().findFirst().ifPresent(e -> table.row("error", e));
    out.print(table.render(""));
  }

  private void printCheckpoints(JsonNode list) {
    Table table = new Table("VERSION", "STEP", "LAST", "REWARD", "SHA256", "URI");
    for (JsonNode c : list.path("checkpoints")) {
      table.row(
          "v" + Json.integer(c, "version").orElse(0),
          String.valueOf(Json.integer(c, "step").orElse(0)),
          c.path("last").asBoolean(false) ? "yes" : "no",
          number(c, "rewardMean"),
          Json.text(c, "sha256", ""),
          Json.text(c, "uri", ""));
    }
    out.print(table.render(""));
  }

  private static String jobPath(CliOptions options) {
    return "/v1/jobs/" + URLEncoder.encode(options.argument(), StandardCharsets.UTF_8);
  }

  private static String number(JsonNode node, String path) {
    return Json.number(node, path).isPresent()
        ? String.format(java.util.Locale.ROOT, "%.4f", Json.number(node, path).getAsDouble())
        : "-";
  }
}
