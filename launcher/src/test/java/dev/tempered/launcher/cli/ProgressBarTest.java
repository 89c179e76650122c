package dev.tempered.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void theEtaIsTheSecondsPerStepSinceTheFirstStepTimesTheStepsLeft() {
    ProgressBar bar = new ProgressBar(12);

    assertThat(bar.line(ProgressBar.Step.of(1, OptionalDouble.of(0.25), T0)))
        .isEqualTo("[##----------------------] step 1/12  reward 0.2500  ETA ?");
    // 2 steps in 10 s: 5 s a step, 9 steps left: 45 s.
    assertThat(bar.line(ProgressBar.Step.of(3, OptionalDouble.empty(), T0.plusSeconds(10))))
        .isEqualTo("[######------------------] step 3/12  ETA 45s");
    // 11 steps in 1210 s: 110 s a step, nothing left.
    assertThat(bar.line(ProgressBar.Step.of(12, OptionalDouble.of(0.5), T0.plusSeconds(1210))))
        .isEqualTo("[########################] step 12/12  reward 0.5000  ETA 0s");
  }

  @Test
  void aStepLineShowsKlPolicyVersionAndThroughputWhenTheEventHasThem() {
    ProgressBar bar = new ProgressBar(40);

    String line =
        bar.line(
            new ProgressBar.Step(
                10,
                OptionalDouble.of(0.3214),
                OptionalDouble.of(0.00412),
                OptionalLong.of(1),
                OptionalDouble.of(2345.4),
                T0));

    assertThat(line)
        .isEqualTo(
            "[######------------------] step 10/40  reward 0.3214  kl 0.0041  policy v1"
                + "  tokens/s 2345  ETA ?");
  }

  @Test
  void durationsReadAsHoursMinutesSeconds() {
    assertThat(ProgressBar.format(5)).isEqualTo("5s");
    assertThat(ProgressBar.format(80)).isEqualTo("1m20s");
    assertThat(ProgressBar.format(3725)).isEqualTo("1h02m");
  }

  @Test
  void optionsComeFromTheArgumentsAndTheEnvironment() {
    CliOptions options =
        CliOptions.parse(
            new String[] {"list", "--status", "RUNNING,PAUSED", "-o", "json"},
            Map.of("TEMPERED_GATEWAY", "http://gw:9000", "TEMPERED_API_KEY", "k-0123456789abcdef"));
    assertThat(options.gateway().toString()).isEqualTo("http://gw:9000");
    assertThat(options.apiKey()).isEqualTo("k-0123456789abcdef");
    assertThat(options.status()).isEqualTo("RUNNING,PAUSED");
    assertThat(options.json()).isTrue();
    assertThat(CliOptions.parse(new String[] {"status", "job-1"}, Map.of()).apiKey())
        .isEqualTo("tempered-local-dev");
    assertThatThrownBy(() -> CliOptions.parse(new String[] {"submit"}, Map.of()))
        .hasMessage("submit takes a job file, got []");
    assertThatThrownBy(() -> CliOptions.parse(new String[] {"list", "-o", "yaml"}, Map.of()))
        .hasMessage("-o takes json or text, not 'yaml'");
  }
}
