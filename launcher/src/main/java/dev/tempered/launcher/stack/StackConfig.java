package dev.tempered.launcher.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a local stack finds its jars and writes its files, and the port of each service.
 *
 * @param repoDir the project root holding {@code <module>/target/<module>.jar}
 * @param runDir logs ({@code logs/}), checkpoints ({@code checkpoints/}) and broker data ({@code
 *     kafka/})
 * @param kafkaLibs the broker's jars, copied by the launcher build to {@code
 *     launcher/target/kafka-libs}
 * @param ports HTTP port per service name, in start order
 * @param sharedDir the shared model and data root handed to every service, when known
 * @param serviceHeap {@code -Xmx} of each service JVM, e.g. {@code 1g}
 * @param startTimeout how long each service may take to report UP
 */
public record StackConfig(
    Path repoDir,
    Path runDir,
    Path kafkaLibs,
    Map<String, Integer> ports,
    Optional<Path> sharedDir,
    String serviceHeap,
    Duration startTimeout) {

  /** The five services, each with its HTTP port from docs/conventions.md. */
  public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

  public StackConfig {
    ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
  }

  public Path jar(String service) {
    return repoDir.resolve(service).resolve("target").resolve(service + ".jar");
  }

  public Path log(String service) {
    return runDir.resolve("logs").resolve(service + ".log");
  }

  public Path checkpointDir() {
    return runDir.resolve("checkpoints");
  }

  public List<String> services() {
    return List.copyOf(ports.keySet());
  }

  /**
   * JVM options of a service: its heap, one PyTorch thread each, and, when known, where the shared
   * files are. Five JVMs share the machine; with libtorch's default of one OpenMP thread per core
   * in both sampler and trainer, spinning OpenMP workers starve each other and every step of either
   * slows down many times over.
   */
  public List<String> jvmArgs() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-Xmx" + serviceHeap,
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1"));
    sharedDir.ifPresent(dir -> args.add("-Dtempered.shared.dir=" + dir.toAbsolutePath()));
    return args;
  }

  /**
   * Program arguments of a service: the broker, the checkpoint folder and its port; the gateway
   * also gets its {@code local} profile, whose development API key the launcher's client sends, and
   * the reward service's LLM judge the sampler's chat endpoint, wherever its port was moved.
   */
  public List<String> appArgs(String service, String bootstrapServers) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--tempered.checkpoint-dir=" + checkpointDir().toAbsolutePath(),
                "--server.port=" + ports.get(service)));
    if (service.equals("gateway")) {
      args.add("--spring.profiles.active=local");
    }
    if ("reward-service".equals(service) && ports.containsKey("sampler-service")) {
      args.add(
          "--tempered.reward.judge.url=http://127.0.0.1:"
              + ports.get("sampler-service")
              + "/v1/chat/completions");
    }
    return List.copyOf(args);
  }

  private static Map<String, Integer> defaultPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("noise-service", 8081);
    ports.put("sampler-service", 8082);
    ports.put("reward-service", 8083);
    ports.put("trainer-service", 8084);
    ports.put("gateway", 8080);
    return Collections.unmodifiableMap(ports);
  }
}
