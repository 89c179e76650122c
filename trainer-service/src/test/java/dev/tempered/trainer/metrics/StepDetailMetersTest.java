package dev.tempered.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.training.StepDetails;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step details reach Micrometer under tempered.trainer.* with job and group tags. */
class StepDetailMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TrainingMeters meters = new TrainingMeters(registry);

  private double gauge(String name, String group) {
    var search = registry.find("tempered.trainer." + name).tag("job", "j1");
    return (group == null ? search : search.tag("group", group)).gauge().value();
  }

  @Test
  void exportsClipFractionsImportanceWeightsAndPerGroupValues() {
    Map<String, GroupRobustLoss.GroupStats> groups = new LinkedHashMap<>();
    groups.put("typos", new GroupRobustLoss.GroupStats(0.3, 0.41, 0.6, 16));
    groups.put("dropout", new GroupRobustLoss.GroupStats(0.1, 0.52, 0.4, 16));
    meters.record(new StepDetails("j1", 3, 0.05, 0.125, 1.5, 0.25, 2, 2, groups, "typos"));
    meters.record(new StepDetails("j1", 4, 0.0, 0.5, 1.25, 0.0, 1, 2, groups, "typos"));

    assertThat(gauge("clip.fraction.low", null)).isEqualTo(0.0);
    assertThat(gauge("clip.fraction.high", null)).isEqualTo(0.5);
    assertThat(gauge("importance.weight", null)).isEqualTo(1.25);
    assertThat(gauge("iterations", null)).isEqualTo(2.0);
    assertThat(
            registry
                .find("tempered.trainer.zero.variance.dropped")
                .tag("job", "j1")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(gauge("group.loss", "typos")).isEqualTo(0.3);
    assertThat(gauge("group.reward", "dropout")).isEqualTo(0.52);
    assertThat(gauge("group.weight", "dropout")).isEqualTo(0.4);
    assertThat(gauge("group.worst", "typos")).isEqualTo(1.0);
    assertThat(gauge("group.worst", "dropout")).isEqualTo(0.0);
  }

  @Test
  void exportsTheAdversarialLossAndHowMuchThePerturbationRaisedIt() {
    meters.record(new StepDetails("j1", 3, 0, 0, Double.NaN, 0, 0, 1, Map.of(), null, 0.75, 0.5));

    assertThat(gauge("adversarial.loss", null)).isEqualTo(0.75);
    assertThat(gauge("adversarial.loss.increase", null)).isEqualTo(0.25);

    meters.record(new StepDetails("j1", 4, 0, 0, Double.NaN, 0, 0, 1, Map.of(), null));
    assertThat(gauge("adversarial.loss.increase", null)).isNaN();
  }
}
