package dev.tempered.launcher.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

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
      Files.writeString(config, serverProperties(dir.resolve("data"), port, FreePorts.pick()));
      format(kafkaLibs, config, dir.resolve("format.log"));
      Process process = java(kafkaLibs, "kafka.Kafka", config.toString())
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

  static String serverProperties(Path dataDir, int brokerPort, int controllerPort) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", "1");
    settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    settings.put("listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    settings.put("log.dirs", dataDir.toAbsolutePath().toString());
    settings.put("num.partitions", "3");
    // One node: every internal topic must make do with a single replica.
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("auto.create.topics.enable", "true");
    // Services join their groups one by one at start-up; waiting 3 s per rebalance only slows the demo.
    settings.put("group.initial.rebalance.delay.ms", "0");
    StringBuilder text = new StringBuilder();
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private static void requireLibs(Path kafkaLibs) {
    try (Stream<Path> jars = Files.list(kafkaLibs)) {
      if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"))) {
        throw new IllegalStateException("no kafka_2.13 jar in " + kafkaLibs.toAbsolutePath()
            + "; build the launcher first (./mvnw -B -DskipTests install -pl launcher -am)");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Kafka jars not found at " + kafkaLibs.toAbsolutePath()
          + "; build the launcher first (./mvnw -B -DskipTests install -pl launcher -am)", e);
    }
  }

  private static void format(Path kafkaLibs, Path config, Path output) throws IOException {
    Process format = java(kafkaLibs, "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      if (!format.waitFor(2, TimeUnit.MINUTES)) {
        ProcessTrees.stop(format, Duration.ofSeconds(5));
        throw new IllegalStateException("Kafka storage format did not finish within 2 minutes; "
            + "output:\n" + LogTail.of(output, 20));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessTrees.stop(format, Duration.ofSeconds(5));
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
    if (format.exitValue() != 0) {
      throw new IllegalStateException("Kafka storage format failed with exit code "
          + format.exitValue() + "; output:\n" + LogTail.of(output, 20));
    }
  }

  private static ProcessBuilder java(Path kafkaLibs, String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(
        JavaCommand.executable(), "-Xms256m", "-Xmx768m", "-Djava.awt.headless=true",
        // Kafka logs through SLF4J; slf4j-simple sits in kafka-libs and writes to the log file.
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-cp", kafkaLibs.toAbsolutePath() + File.separator + "*",
        mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private void awaitReady(Duration timeout) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
              + " while starting; last lines of " + log + ":\n" + LogTail.of(log, 30));
        }
        if (hasNodes(admin)) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the Kafka broker on " + bootstrapServers()
              + " did not answer within " + timeout.toSeconds() + " s; last lines of " + log
              + ":\n" + LogTail.of(log, 30));
        }
        pause();
      }
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
