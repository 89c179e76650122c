package dev.tempered.gateway.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Runs Debian's headless Chromium on a page: its DOM after the scripts ran, or a screenshot. */
final class HeadlessChromium {

  private static final long TIMEOUT_SECONDS = 90;
  // Virtual time lets the page's fetches and rendering finish before the DOM or screenshot is
  // taken.
  private static final String VIRTUAL_TIME_MS = "10000";

  private final Path binary;
  private final Path work;

  private HeadlessChromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** Chromium from the PATH ({@code chromium} or {@code chromium-browser}), if installed. */
  static Optional<HeadlessChromium> find(Path work) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new HeadlessChromium(candidate, work));
        }
      }
    }
    return Optional.empty();
  }

  /** The serialised DOM of {@code url} once its scripts have run. */
  String dumpDom(String url) throws IOException, InterruptedException {
    Path out = work.resolve("dom.html");
    run(List.of("--dump-dom", url), out);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** A 1200x900 screenshot of {@code url}, also kept as {@code file}. */
  BufferedImage screenshot(String url, Path file) throws IOException, InterruptedException {
    run(List.of("--screenshot=" + file.toAbsolutePath(), url), work.resolve("screenshot.log"));
    return ImageIO.read(file.toFile());
  }

  private void run(List<String> arguments, Path stdout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + Files.createTempDirectory(work, "profile"),
            "--window-size=1200,900",
            "--virtual-time-budget=" + VIRTUAL_TIME_MS));
    command.addAll(arguments);
    Path stderr = work.resolve("chromium-stderr.log");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "chromium exited with "
              + process.exitValue()
              + ": "
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
  }
}
