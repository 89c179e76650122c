package dev.tempered.launcher;

import dev.tempered.launcher.stack.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line.
 *
 * @param command {@code demo}, {@code up} or {@code help}
 * @param jobFile the job to submit ({@code demo} only)
 * @param overrides {@code path=value} changes to the job, e.g. {@code training.steps=4}
 * @param ports HTTP port per service
 * @param kafkaLibs the broker's jars; empty means beside the launcher jar
 * @param timeout how long {@code demo} waits for the job to finish
 * @param startTimeout how long each service may take to report UP
 */
public record LauncherOptions(
    String command,
    Path repoDir,
    Path runDir,
    Path jobFile,
    Map<String, String> overrides,
    Map<String, Integer> ports,
    Optional<Path> kafkaLibs,
    Duration timeout,
    Duration startTimeout,
    String serviceHeap) {

  static final String USAGE =
      """
      usage: tempered <command> [options]

      commands:
        demo   start Kafka and the five services, run a job, print its progress and robustness report
        up     start Kafka and the five services and keep them running until Ctrl-C
        job    the job CLI against a running gateway (tempered job, without arguments, for help)
        help   print this text

      demo options:
        --job FILE               job spec to submit (default examples/demo-job.json)
        --steps N                override training.steps
        --set PATH=VALUE         override any job field, e.g. --set training.checkpointEvery=5
        --timeout DURATION       give up on the job after this long (default 20m)

      common options:
        --port SERVICE=PORT      HTTP port of a service (defaults: gateway=8080, noise-service=8081,
                                 sampler-service=8082, reward-service=8083, trainer-service=8084)
        --run-dir DIR            logs, checkpoints and broker data (default run)
        --repo-dir DIR           project root with <module>/target/<module>.jar (default .)
        --kafka-libs DIR         Kafka broker jars (default: kafka-libs beside launcher.jar)
        --start-timeout DURATION how long each service may take to report UP (default 5m)
        --heap SIZE              -Xmx of each service (default 1g)

      exit status: 0 the job succeeded (or help), 1 it failed, timed out or could not start, 2 bad usage
      """;

  public LauncherOptions {
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
  }

  /** Parses {@code args}; relative paths resolve against {@code workingDir}. */
  static LauncherOptions parse(String[] args, Path workingDir) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no command given");
    }
    String command = args[0];
    if (!command.equals("demo") && !command.equals("up") && !command.equals("help")) {
      throw new IllegalArgumentException("unknown command '" + command + "'");
    }
    Path repoDir = workingDir;
    String runDir = "run";
    String jobFile = "examples/demo-job.json";
    Map<String, String> overrides = new LinkedHashMap<>();
    Map<String, Integer> ports = new LinkedHashMap<>(StackConfig.DEFAULT_PORTS);
    Optional<Path> kafkaLibs = Optional.empty();
    Duration timeout = Duration.ofMinutes(20);
    Duration startTimeout = Duration.ofMinutes(5);
    String heap = "1g";
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (!option.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + option + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--job" -> jobFile = value;
        case "--steps" ->
            overrides.put("training.steps", Integer.toString(positive(option, value)));
        case "--set" -> {
          String[] pair = keyValue(option, value);
          overrides.put(pair[0], pair[1]);
        }
        case "--timeout" -> timeout = Durations.parse(option, value);
        case "--start-timeout" -> startTimeout = Durations.parse(option, value);
        case "--port" -> {
          String[] pair = keyValue(option, value);
          if (!ports.containsKey(pair[0])) {
            throw new IllegalArgumentException(
                "--port: unknown service '" + pair[0] + "'; known: " + ports.keySet());
          }
          int port = positive(option, pair[1]);
          if (port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " is not a TCP port");
          }
          ports.put(pair[0], port);
        }
        case "--run-dir" -> runDir = value;
        case "--repo-dir" -> repoDir = workingDir.resolve(value);
        case "--kafka-libs" -> kafkaLibs = Optional.of(workingDir.resolve(value));
        case "--heap" -> heap = heap(value);
        default -> throw new IllegalArgumentException("unknown option '" + option + "'");
      }
    }
    if (!command.equals("demo")
        && (!overrides.isEmpty() || !jobFile.equals("examples/demo-job.json"))) {
      throw new IllegalArgumentException("--job, --steps and --set only apply to demo");
    }
    return new LauncherOptions(
        command,
        repoDir.normalize(),
        repoDir.resolve(runDir).normalize(),
        workingDir.resolve(jobFile).normalize(),
        overrides,
        ports,
        kafkaLibs,
        timeout,
        startTimeout,
        heap);
  }

  /** The stack settings these options describe. */
  StackConfig stackConfig(Path defaultKafkaLibs, Optional<Path> sharedDir) {
    return new StackConfig(
        repoDir,
        runDir,
        kafkaLibs.orElse(defaultKafkaLibs),
        ports,
        sharedDir,
        serviceHeap,
        startTimeout);
  }

  private static int positive(String option, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below with the option's name.
    }
    throw new IllegalArgumentException(
        option + " takes a positive whole number, got '" + value + "'");
  }

  private static String[] keyValue(String option, String value) {
    int equals = value.indexOf('=');
    if (equals <= 0 || equals == value.length() - 1) {
      throw new IllegalArgumentException(option + " takes NAME=VALUE, got '" + value + "'");
    }
    return new String[] {value.substring(0, equals), value.substring(equals + 1)};
  }

  private static String heap(String value) {
    if (!value.matches("[0-9]+[kKmMgG]?")) {
      throw new IllegalArgumentException(
          "--heap takes a JVM size such as 768m or 1g, got '" + value + "'");
    }
    return value;
  }
}
