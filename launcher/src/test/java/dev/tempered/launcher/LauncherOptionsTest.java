package dev.tempered.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.launcher.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

  static final Path ROOT = Path.of("/work/project");

  @Test
  void demoDefaults() {
    LauncherOptions options = LauncherOptions.parse(new String[] {"demo"}, ROOT);

    assertThat(options.command()).isEqualTo("demo");
    assertThat(options.jobFile()).isEqualTo(Path.of("/work/project/examples/demo-job.json"));
    assertThat(options.runDir()).isEqualTo(Path.of("/work/project/run"));
    assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(20));
    assertThat(options.ports())
        .containsEntry("gateway", 8080)
        .containsEntry("noise-service", 8081)
        .containsEntry("sampler-service", 8082)
        .containsEntry("reward-service", 8083)
        .containsEntry("trainer-service", 8084)
        .hasSize(5);
    assertThat(options.overrides()).isEmpty();
  }

  @Test
  void demoOptions() {
    LauncherOptions options =
        LauncherOptions.parse(
            new String[] {
              "demo",
              "--job",
              "jobs/small.json",
              "--steps",
              "4",
              "--set",
              "training.checkpointEvery=2",
              "--timeout",
              "90s",
              "--port",
              "gateway=18080",
              "--run-dir",
              "/tmp/r",
              "--heap",
              "768m"
            },
            ROOT);

    assertThat(options.jobFile()).isEqualTo(Path.of("/work/project/jobs/small.json"));
    assertThat(options.overrides())
        .containsEntry("training.steps", "4")
        .containsEntry("training.checkpointEvery", "2");
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.ports())
        .containsEntry("gateway", 18080)
        .containsEntry("noise-service", 8081);
    assertThat(options.runDir()).isEqualTo(Path.of("/tmp/r"));
  }

  @Test
  void stackConfigBuildsEachServicesCommandLine() {
    LauncherOptions options =
        LauncherOptions.parse(
            new String[] {"up", "--port", "sampler-service=9002", "--heap", "2g"}, ROOT);
    StackConfig config =
        options.stackConfig(Path.of("/libs"), Optional.of(Path.of("/data/shared")));

    assertThat(config.services())
        .containsExactly(
            "noise-service", "sampler-service", "reward-service", "trainer-service", "gateway");
    assertThat(config.jar("sampler-service"))
        .isEqualTo(Path.of("/work/project/sampler-service/target/sampler-service.jar"));
    assertThat(config.log("gateway")).isEqualTo(Path.of("/work/project/run/logs/gateway.log"));
    assertThat(config.jvmArgs())
        .containsExactly(
            "-Xmx2g",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "-Dtempered.shared.dir=/data/shared");
    assertThat(config.appArgs("sampler-service", "127.0.0.1:4242"))
        .isEqualTo(
            List.of(
                "--spring.kafka.bootstrap-servers=127.0.0.1:4242",
                "--tempered.checkpoint-dir=/work/project/run/checkpoints",
                "--server.port=9002"));
    assertThat(config.appArgs("gateway", "127.0.0.1:4242"))
        .endsWith("--spring.profiles.active=local");
    assertThat(config.appArgs("reward-service", "127.0.0.1:4242"))
        .contains("--tempered.reward.judge.url=http://127.0.0.1:9002/v1/chat/completions");
  }

  @Test
  void durationsTakeUnits() {
    assertThat(Durations.parse("--timeout", "45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("--timeout", "20m")).isEqualTo(Duration.ofMinutes(20));
    assertThat(Durations.parse("--timeout", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("--timeout", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.format(Duration.ofMinutes(20))).isEqualTo("20m");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThatThrownBy(() -> Durations.parse("--timeout", "soon"))
        .hasMessage("--timeout takes a duration such as 90s, 20m or 1h, got 'soon'");
    assertThatThrownBy(() -> Durations.parse("--timeout", "0s"))
        .hasMessage("--timeout must be positive, got '0s'");
  }

  @Test
  void badUsageIsNamed() {
    assertThatThrownBy(() -> parse()).hasMessage("no command given");
    assertThatThrownBy(() -> parse("train")).hasMessage("unknown command 'train'");
    assertThatThrownBy(() -> parse("demo", "--steps")).hasMessage("--steps needs a value");
    assertThatThrownBy(() -> parse("demo", "--steps", "-3"))
        .hasMessage("--steps takes a positive whole number, got '-3'");
    assertThatThrownBy(() -> parse("demo", "--port", "web=80"))
        .hasMessageStartingWith("--port: unknown service 'web'");
    assertThatThrownBy(() -> parse("demo", "--port", "gateway"))
        .hasMessage("--port takes NAME=VALUE, got 'gateway'");
    assertThatThrownBy(() -> parse("demo", "--verbose", "yes"))
        .hasMessage("unknown option '--verbose'");
    assertThatThrownBy(() -> parse("up", "--steps", "3"))
        .hasMessage("--job, --steps and --set only apply to demo");
    assertThatThrownBy(() -> parse("demo", "extra")).hasMessage("unexpected argument 'extra'");
  }

  @Test
  void helpPrintsUsageAndBadUsageExitsWithTwo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outPrinter = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errPrinter = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(Launcher.run(new String[] {"help"}, outPrinter, errPrinter)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: tempered <command> [options]");
    assertThat(Launcher.run(new String[] {"launch"}, outPrinter, errPrinter)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("tempered: unknown command 'launch'");
  }

  private static LauncherOptions parse(String... args) {
    return LauncherOptions.parse(args, ROOT);
  }
}
