package dev.tempered.launcher.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/** Kafka's own command-line classes run from {@code kafka-libs}: storage format and the server. */
final class KafkaTools {

  private KafkaTools() {}

  /**
   * Formats the log directory named in {@code config} for a new cluster, as kafka-storage.sh does.
   */
  static void format(Path kafkaLibs, Path config, Path output) throws IOException {
    Process format =
        java(
                kafkaLibs,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!format.waitFor(2, TimeUnit.MINUTES)) {
        ProcessTrees.stop(format, Duration.ofSeconds(5));
        throw new IllegalStateException(
            "Kafka storage format did not finish within 2 minutes; "
                + "output:\n"
                + LogTail.of(output, 20));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessTrees.stop(format, Duration.ofSeconds(5));
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
    if (format.exitValue() != 0) {
      throw new IllegalStateException(
          "Kafka storage format failed with exit code "
              + format.exitValue()
              + "; output:\n"
              + LogTail.of(output, 20));
    }
  }

  /** A JVM running {@code mainClass} with every jar of {@code kafkaLibs} on its classpath. */
  static ProcessBuilder java(Path kafkaLibs, String mainClass, String... args) {
    List<String> command = new ArrayList<>(JavaCommand.prefix());
    command.addAll(
        List.of(
            "-Xms256m",
            "-Xmx768m",
            "-Djava.awt.headless=true",
            // Kafka logs through SLF4J; slf4j-simple sits in kafka-libs and writes to the log file.
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-cp",
            kafkaLibs.toAbsolutePath() + File.separator + "*",
            mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
