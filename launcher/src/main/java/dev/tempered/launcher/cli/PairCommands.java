package dev.tempered.launcher.cli;

import dev.tempered.launcher.console.Table;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code pairs}, {@code label} and {@code export-pairs}: a job's human labelling. */
final class PairCommands {

  private static final int SHOWN = 40;

  private final PrintStream out;
  private final PrintStream err;

  PairCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Every page of the job's pairs: a table, or one JSON object a line with {@code -o json}. */
  int pairs(GatewayClient gateway, CliOptions options) {
    String filter = options.status() == null ? "" : "&status=" + encode(options.status());
    Table table = new Table("PAIR", "STATUS", "LABEL", "PROMPT", "A", "B");
    String cursor = null;
    do {
      JsonNode page =
          gateway.get(
              path(options)
                  + "/pairs?limit=100"
                  + filter
                  + (cursor == null ? "" : "&cursor=" + encode(cursor)));
      for (JsonNode pair : page.path("pairs")) {
        if (options.json()) {
          out.println(Json.MAPPER.writeValueAsString(pair));
        } else {
          table.row(
              Json.text(pair, "id", ""),
              Json.text(pair, "status", ""),
              Json.text(pair, "label", "-"),
              shorten(Json.text(pair, "noisyPrompt", "")),
              shorten(Json.text(pair, "a", "")),
              shorten(Json.text(pair, "b", "")));
        }
      }
      cursor = Json.text(page, "nextCursor", null);
    } while (cursor != null);
    if (!options.json()) {
      out.print(table.render(""));
    }
    return 0;
  }

  /**
   * {@code label ID PAIR a|b|tie|skip}; the gateway checks the label and answers 409 on a clash.
   */
  int label(GatewayClient gateway, CliOptions options) {
    String pair = options.arguments().get(1);
    String body = Json.MAPPER.writeValueAsString(Map.of("preferred", options.arguments().get(2)));
    JsonNode labelled = gateway.post(path(options) + "/pairs/" + encode(pair) + "/label", body);
    if (options.json()) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(labelled));
    } else {
      out.println("pair " + pair + " labelled " + Json.text(labelled, "label", ""));
    }
    return 0;
  }

  /** Writes the export to {@code --out} (or standard output) and says what was left out. */
  int export(GatewayClient gateway, CliOptions options) {
    GatewayClient.Text export = gateway.getText(path(options) + "/pairs/export");
    String summary =
        String.format(
            "exported %s pairs (left out: %s ties, %s skipped, %s pending)",
            header(export, "Tempered-Pairs-Exported"),
            header(export, "Tempered-Pairs-Ties"),
            header(export, "Tempered-Pairs-Skipped"),
            header(export, "Tempered-Pairs-Pending"));
    if (options.out() == null) {
      out.print(export.body());
      err.println(summary);
      return 0;
    }
    Path file = Path.of(options.out());
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, export.body(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    out.println(summary + " to " + file);
    return 0;
  }

  private static String header(GatewayClient.Text text, String name) {
    return text.headers().firstValue(name).orElse("?");
  }

  private static String path(CliOptions options) {
    return "/v1/jobs/" + encode(options.argument());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String shorten(String text) {
    String line = text.replace('\n', ' ');
    return line.length() <= SHOWN ? line : line.substring(0, SHOWN - 3) + "...";
  }
}
