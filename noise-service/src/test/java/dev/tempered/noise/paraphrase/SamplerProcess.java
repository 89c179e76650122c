package dev.tempered.noise.paraphrase;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real sampler-service jar as a child process on a free loopback port, serving stories260K; its
 * Kafka address is a closed port (the chat endpoint needs no broker). Skips when the jar or the
 * shared model is missing. The same helper as reward-service's LlmJudgeSamplerIT uses (test code is
 * not shared between modules).
 */
final class SamplerProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final Process process;
  private final int port;
  private final Path log;

  private SamplerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static SamplerProcess start() throws Exception {
    Path jar = Path.of(System.getProperty("tempered.sampler.jar", "missing"));
    assumeTrue(
        Files.isRegularFile(jar),
        "sampler jar "
            + jar
            + " not built: run the reactor (./mvnw -B -pl sampler-service,noise-service -am verify)");
    var shared = SharedResources.find();
    assumeTrue(shared.isPresent(), "../shared not found (set TEMPERED_SHARED_DIR): IT skipped");
    int port = freePort();
    Path log = Files.createTempFile("sampler-it-", ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--spring.kafka.bootstrap-servers=127.0.0.1:" + freePort(),
            "--spring.kafka.admin.auto-create=false",
            "--tempered.sampler.models-dir=" + shared.get().resolve("models"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SamplerProcess sampler = new SamplerProcess(process, port, log);
    sampler.awaitHealthy();
    return sampler;
  }

  URI chatUrl() {
    return URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
  }

  private void awaitHealthy() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    // Liveness, not readiness: this sampler runs without a broker on purpose, so its readiness
    // (which includes the Kafka check) stays DOWN while the chat endpoint serves.
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("sampler exited at start:\n" + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException("sampler not healthy within " + STARTUP + ":\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the sampler and waits until its port is closed. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
