package dev.tempered.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * A real single-node Apache Kafka (KRaft, broker and controller in one process) on loopback, run as
 * a child JVM from the jars in {@code kafka-libs}; its data lives in a fresh directory removed on
 * {@link #close()}.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(250);

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final int port;

  private KafkaBroker(Process process, Path dataDir, Path log, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
  }

  /**
   * Formats a new log directory under {@code workDir}, starts the broker with its output in {@code
   * log}, and returns once it answers {@code describeCluster}.
   */
  public static KafkaBroker start(Path kafkaLibs, Path workDir, Path log, Duration timeout) {
    requireLibs(kafkaLibs);
    try {
      Files.createDirectories(workDir);
      Files.createDirectories(log.toAbsolutePath().getParent());
      Path dir = Files.createTempDirectory(workDir, "broker-");
      int port = FreePorts.pick();
      Path config = dir.resolve("server.properties");
      Files.writeString(
          config, KafkaServerConfig.properties(dir.resolve("data"), port, FreePorts.pick()));
      KafkaTools.format(kafkaLibs, config, dir.resolve("format.log"));
      Process process =
          KafkaTools.java(kafkaLibs, "kafka.Kafka", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      KafkaBroker broker = new KafkaBroker(process, dir, log, port);
      try {
        broker.awaitReady(timeout);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker: " + e.getMessage(), e);
    }
  }

  /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Stops the broker (SIGTERM, then kill after 20 s) and deletes its data. */
  @Override
  public void close() {
    ProcessTrees.stop(process, Duration.ofSeconds(20));
    deleteRecursively(dataDir);
  }

  private static void requireLibs(Path kafkaLibs) {
    try (Stream<Path> jars = Files.list(kafkaLibs)) {
      if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"))) {
        throw new IllegalStateException(
            "no kafka_2.13 jar in "
                + kafkaLibs.toAbsolutePath()
                + "; build the launcher first (./mvnw -B -DskipTests install -pl launcher -am)");
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Kafka jars not found at "
              + kafkaLibs.toAbsolutePath()
              + "; build the launcher first (./mvnw -B -DskipTests install -pl launcher -am)",
          e);
    }
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    // The AdminClient logs a warning per refused connection, so wait for the listener first.
    while (!accepts(port)) {
      checkStarting(deadline, timeout);
      pause();
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    try (Admin admin = Admin.create(props)) {
      while (!hasNodes(admin)) {
        checkStarting(deadline, timeout);
        pause();
      }
    }
  }

  private void checkStarting(Instant deadline, Duration timeout) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the Kafka broker exited with code "
              + process.exitValue()
              + " while starting; last lines of "
              + log
              + ":\n"
              + LogTail.of(log, 30));
    }
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(
          "the Kafka broker on "
              + bootstrapServers()
              + " did not answer within "
              + timeout.toSeconds()
              + " s; last lines of "
              + log
              + ":\n"
              + LogTail.of(log, 30));
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean hasNodes(Admin admin) {
    try {
      Collection<Node> nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
      return !nodes.isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leftover data under run/kafka is harmless: the next start formats a fresh directory.
    }
  }
}
