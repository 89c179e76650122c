package dev.tempered.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link FakeService} as a real child JVM through {@link ServiceProcess}. */
class ServiceProcessTest {

  @TempDir static Path dir;
  static Path jar;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void packFakeService() throws Exception {
    jar = dir.resolve("fake-service.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
    String entry = FakeService.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entry));
      out.write(FakeService.class.getClassLoader().getResourceAsStream(entry).readAllBytes());
      out.closeEntry();
    }
  }

  @Test
  void startsWaitsForUpAndStops() throws Exception {
    int port = FreePorts.pick();
    Path log = dir.resolve("logs/fake.log");
    ServiceProcess service =
        ServiceProcess.start(
            "fake-service",
            port,
            jar,
            List.of("-Xmx64m"),
            List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=127.0.0.1:1"),
            dir,
            log);
    try {
      service.awaitHealthy(http, Duration.ofSeconds(60));
      assertThat(service.isAlive()).isTrue();
      assertThat(FreePorts.isFree(port)).isFalse();
    } finally {
      service.close();
    }
    assertThat(service.isAlive()).isFalse();
    assertThat(Files.readString(log))
        .contains(
            "fake service started with --server.port="
                + port
                + " --spring.kafka.bootstrap-servers=127.0.0.1:1")
        .contains("fake service stopping");
  }

  @Test
  void aServiceThatDiesIsNamedWithItsLog() {
    int port = FreePorts.pick();
    Path log = dir.resolve("logs/dying.log");
    ServiceProcess service =
        ServiceProcess.start("reward-service", port, jar, List.of(), List.of("--fail"), dir, log);
    try {
      assertThatThrownBy(() -> service.awaitHealthy(http, Duration.ofSeconds(60)))
          .hasMessageStartingWith(
              "reward-service exited with code 3 before reporting UP; last lines of " + log)
          .hasMessageContaining("boom: no broker");
    } finally {
      service.close();
    }
  }

  @Test
  void aMissingJarIsNamed() {
    assertThatThrownBy(
            () ->
                ServiceProcess.start(
                    "gateway",
                    1,
                    dir.resolve("nope.jar"),
                    List.of(),
                    List.of(),
                    dir,
                    dir.resolve("gateway.log")))
        .hasMessageStartingWith("gateway: jar " + dir.resolve("nope.jar") + " is missing");
  }

  @Test
  void preflightListsMissingJarsAndBusyPorts() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Files.createDirectories(dir.resolve("gateway/target"));
      Files.copy(
          jar, dir.resolve("gateway/target/gateway.jar"), StandardCopyOption.REPLACE_EXISTING);
      StackConfig config =
          new StackConfig(
              dir,
              dir.resolve("run"),
              dir.resolve("libs"),
              Map.of("gateway", busy.getLocalPort()),
              Optional.empty(),
              "1g",
              Duration.ofSeconds(1));

      assertThat(LocalStack.problems(config))
          .containsExactly(
              "gateway: port "
                  + busy.getLocalPort()
                  + " on 127.0.0.1 is in use (choose another with --port gateway=N)");

      StackConfig missing =
          new StackConfig(
              dir,
              dir.resolve("run"),
              dir.resolve("libs"),
              Map.of("trainer-service", FreePorts.pick()),
              Optional.empty(),
              "1g",
              Duration.ofSeconds(1));
      assertThat(LocalStack.problems(missing))
          .containsExactly(
              "trainer-service: "
                  + dir.resolve("trainer-service/target/trainer-service.jar")
                  + " is missing (run ./mvnw -B -DskipTests install)");
    }
  }
}
