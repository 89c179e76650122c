package dev.tempered.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** One Spring Boot service run as {@code java -jar} with its output in its own log file. */
public final class ServiceProcess implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration POLL = Duration.ofMillis(500);

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code java <jvmArgs> -jar <jar> <appArgs>} in {@code workDir}, output to {@code log}.
   */
  public static ServiceProcess start(
      String name,
      int port,
      Path jar,
      List<String> jvmArgs,
      List<String> appArgs,
      Path workDir,
      Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          name
              + ": jar "
              + jar.toAbsolutePath()
              + " is missing; build it with ./mvnw -B -DskipTests install");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command(jar, jvmArgs, appArgs))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ServiceProcess(name, port, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot start " + jar + ": " + e.getMessage(), e);
    }
  }

  static List<String> command(Path jar, List<String> jvmArgs, List<String> appArgs) {
    List<String> command = new ArrayList<>(JavaCommand.prefix());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(appArgs);
    return command;
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Returns once {@code /actuator/health} says UP; fails naming the service with the tail of its
   * log if it exits first or {@code timeout} passes.
   */
  public void awaitHealthy(HttpClient http, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve("/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (!isUp(http, request)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with code "
                + process.exitValue()
                + " before reporting UP; last lines of "
                + log
                + ":\n"
                + LogTail.of(log, 40));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            name
                + " did not report UP at "
                + request.uri()
                + " within "
                + timeout.toSeconds()
                + " s; last lines of "
                + log
                + ":\n"
                + LogTail.of(log, 40));
      }
      sleep(POLL);
    }
  }

  /** Sends SIGTERM without waiting, so all services can shut down side by side. */
  public void requestStop() {
    ProcessTrees.requestStop(process);
  }

  public void awaitStop(Duration grace) {
    ProcessTrees.awaitStop(process, grace);
  }

  @Override
  public void close() {
    ProcessTrees.stop(process, Duration.ofSeconds(20));
  }

  private static boolean isUp(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && "UP".equals(JSON.readTree(response.body()).path("status").asString(""));
    } catch (IOException | JacksonException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service", e);
    }
  }
}
