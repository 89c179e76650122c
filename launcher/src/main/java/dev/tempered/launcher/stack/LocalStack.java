package dev.tempered.launcher.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Kafka broker and the five services on loopback, started together and stopped together (services
 * first so they leave their consumer groups while the broker still answers).
 */
public final class LocalStack implements AutoCloseable {

  private static final Duration BROKER_START = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final StackConfig config;
  private final PrintStream out;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile KafkaBroker broker;

  private LocalStack(StackConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /**
   * A stack that has started nothing yet: register {@link #close()} as a shutdown hook first, then
   * {@link #start()}, so that Ctrl-C during start-up also cleans up.
   */
  public static LocalStack create(StackConfig config, PrintStream out) {
    return new LocalStack(config, out);
  }

  /** Starts everything and returns once every service reports UP; cleans up if any step fails. */
  public LocalStack start() {
    try {
      startAll();
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Checks before anything starts: all jars built and all ports free, every problem at once. */
  public static List<String> problems(StackConfig config) {
    List<String> problems = new ArrayList<>();
    for (String service : config.services()) {
      if (!Files.isRegularFile(config.jar(service))) {
        problems.add(
            service
                + ": "
                + config.jar(service)
                + " is missing (run ./mvnw -B -DskipTests install)");
      }
      int port = config.ports().get(service);
      if (!FreePorts.isFree(port)) {
        problems.add(
            service
                + ": port "
                + port
                + " on 127.0.0.1 is in use (choose another with --port "
                + service
                + "=N)");
      }
    }
    return problems;
  }

  public URI uri(String service) {
    return URI.create("http://127.0.0.1:" + config.ports().get(service));
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** A process of the stack that has exited although nobody stopped it, if any. */
  public Optional<String> firstExited() {
    if (closed.get()) {
      return Optional.empty();
    }
    KafkaBroker kafka = broker;
    if (kafka != null && !kafka.isAlive()) {
      return Optional.of("the Kafka broker (log " + kafka.log() + ")");
    }
    synchronized (services) {
      return services.stream()
          .filter(s -> !s.isAlive())
          .map(s -> s.name() + " (log " + s.log() + ")")
          .findFirst();
    }
  }

  /** Stops services, then the broker; safe to call twice (the shutdown hook and normal exit). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // The lock keeps start-up from adding a process after this point; see startAll().
    synchronized (services) {
      if (broker == null && services.isEmpty()) {
        return;
      }
      services.forEach(ServiceProcess::requestStop);
      services.forEach(service -> service.awaitStop(STOP_GRACE));
      if (broker != null) {
        broker.close();
      }
    }
    out.println("stopped the services and the Kafka broker");
  }

  private void startAll() {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "cannot start the local stack:\n  - " + String.join("\n  - ", problems));
    }
    createDirectories(config.checkpointDir());
    KafkaBroker kafka =
        KafkaBroker.start(
            config.kafkaLibs(),
            config.runDir().resolve("kafka"),
            config.log("kafka"),
            BROKER_START);
    synchronized (services) {
      if (closed.get()) {
        kafka.close();
        throw new IllegalStateException("stopped while starting");
      }
      broker = kafka;
    }
    out.printf("kafka            %s  (log %s)%n", broker.bootstrapServers(), config.log("kafka"));
    // All services start side by side; each then gets the whole timeout to report UP.
    for (String service : config.services()) {
      synchronized (services) {
        if (closed.get()) {
          throw new IllegalStateException("stopped while starting");
        }
        services.add(
            ServiceProcess.start(
                service,
                config.ports().get(service),
                config.jar(service),
                config.jvmArgs(),
                config.appArgs(service, broker.bootstrapServers()),
                config.repoDir(),
                config.log(service)));
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<ServiceProcess> started;
    synchronized (services) {
      started = List.copyOf(services);
    }
    for (ServiceProcess service : started) {
      service.awaitHealthy(http, config.startTimeout());
      out.printf("%-16s %s  UP  (log %s)%n", service.name(), service.baseUri(), service.log());
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
