package dev.tempered.launcher.cli;

import dev.tempered.launcher.job.GatewayClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code tempered job} command line.
 *
 * @param command {@code submit}, {@code list}, {@code status}, {@code events}, {@code cancel},
 *     {@code pause}, {@code resume}, {@code checkpoints} or {@code report}
 * @param arguments what follows the command: the job file or the job id
 * @param json {@code -o json}: print the gateway's JSON instead of text
 * @param follow {@code --wait} (submit) or {@code -f} (events): follow the job to its end
 * @param status {@code --status} filter of {@code list} and {@code pairs}, or null
 * @param out {@code --out} file of {@code export-pairs}, or null for standard output
 */
record CliOptions(
    String command,
    List<String> arguments,
    boolean json,
    boolean follow,
    URI gateway,
    String apiKey,
    String status,
    String idempotencyKey,
    String out) {

  static final String USAGE =
      """
      usage: tempered job <command> [options]

      commands:
        submit FILE [--wait] [--idempotency-key KEY]
                             submit a job spec; --wait follows it with a progress bar and exits
                             0 when it succeeded, 1 when it failed, 2 when it was cancelled
        list [--status S]    jobs, newest first (S: RUNNING, PAUSED, ... comma-separated)
        status ID            one job
        events ID [-f]       its events; -f keeps following until the job ends
        pause ID | resume ID | cancel ID
        checkpoints ID       its checkpoints
        report ID            its robustness report
        pairs ID [--status pending|labelled]
                             its DPO pairs offered for labelling (reward.labelling)
        label ID PAIR a|b|tie|skip
                             label a pair: prefer a or b, or neither
        export-pairs ID [--out FILE]
                             the labelled pairs as a preference file (prompt, chosen, rejected
                             JSON lines) for an offline dpo or reward-model job

      options:
        -o json              print the gateway's JSON
        --gateway URL        default $TEMPERED_GATEWAY or http://127.0.0.1:8080
        --api-key KEY        default $TEMPERED_API_KEY or the local development key

      exit status: 0 done, 1 the gateway refused or failed, 64 bad usage
      """;

  static final List<String> COMMANDS =
      List.of(
          "submit",
          "list",
          "status",
          "events",
          "cancel",
          "pause",
          "resume",
          "checkpoints",
          "report",
          "pairs",
          "label",
          "export-pairs");

  /** Parses {@code args} (after {@code job}); {@code env} supplies the defaults. */
  static CliOptions parse(String[] args, Map<String, String> env) {
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      throw new IllegalArgumentException(
          args.length == 0 ? "a command is required" : "unknown command '" + args[0] + "'");
    }
    List<String> arguments = new ArrayList<>();
    boolean json = false;
    boolean follow = false;
    String gateway = env.getOrDefault("TEMPERED_GATEWAY", "http://127.0.0.1:8080");
    String apiKey = env.get("TEMPERED_API_KEY");
    String status = null;
    String idempotencyKey = null;
    String out = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "-o", "--output" -> {
          String format = value(args, ++i, "-o");
          if (!format.equals("json") && !format.equals("text")) {
            throw new IllegalArgumentException("-o takes json or text, not '" + format + "'");
          }
          json = format.equals("json");
        }
        case "--wait", "-f", "--follow" -> follow = true;
        case "--gateway" -> gateway = value(args, ++i, "--gateway");
        case "--api-key" -> apiKey = value(args, ++i, "--api-key");
        case "--status" -> status = value(args, ++i, "--status");
        case "--idempotency-key" -> idempotencyKey = value(args, ++i, "--idempotency-key");
        case "--out" -> out = value(args, ++i, "--out");
        default -> {
          if (args[i].startsWith("-")) {
            throw new IllegalArgumentException("unknown option '" + args[i] + "'");
          }
          arguments.add(args[i]);
        }
      }
    }
    int expected =
        switch (args[0]) {
          case "list" -> 0;
          case "label" -> 3;
          default -> 1;
        };
    if (arguments.size() != expected) {
      throw new IllegalArgumentException(
          args[0] + " takes " + expectedArguments(args[0]) + ", got " + arguments);
    }
    return new CliOptions(
        args[0],
        List.copyOf(arguments),
        json,
        follow,
        URI.create(gateway),
        apiKey == null || apiKey.isBlank() ? GatewayClient.LOCAL_DEV_KEY : apiKey,
        status,
        idempotencyKey,
        out);
  }

  private static String expectedArguments(String command) {
    return switch (command) {
      case "list" -> "no argument";
      case "submit" -> "a job file";
      case "label" -> "a job id, a pair id and a, b, tie or skip";
      default -> "a job id";
    };
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  String argument() {
    return arguments.get(0);
  }
}
