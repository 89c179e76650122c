package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code training.groupRobust} with each algorithm: grpo, ppo and online dpo weigh data groups; an
 * offline job's pairs have no data group, so it is refused there.
 */
class GroupRobustSpecTest {

  private static TrainingSpec training() {
    return new TrainingSpec(
        40,
        8,
        1e-3,
        0.0,
        0.04,
        0.2,
        0.2,
        1.0,
        2,
        2,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new GroupRobustSpec(0.01));
  }

  private static JobSpec online(String algorithm) {
    return new JobSpec(
        "robust",
        "stories260K",
        algorithm,
        7,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, 200),
        new NoiseSpec(
            List.of(
                new NoiseOperatorSpec("misspelling", 1.0, "misspelling"),
                new NoiseOperatorSpec("char-swap", 1.0, "char-swap")),
            new CurriculumSpec("linear", 0.1, 0.4)),
        new SamplingSpec(4, 1.0, 24),
        new RewardSpec(Map.of("chrf", 1.0)),
        training());
  }

  private static List<String> fields(JobSpec spec) {
    return JobSpecValidator.validate(spec).stream().map(FieldError::field).toList();
  }

  @Test
  void everyOnlineAlgorithmAcceptsIt() {
    assertThat(online("grpo").training().groupRobust().eta()).isEqualTo(0.01);
    assertThat(fields(online("grpo"))).isEmpty();
    assertThat(fields(online("ppo"))).isEmpty();
    assertThat(fields(online("dpo"))).isEmpty();
  }

  @Test
  void anOfflineJobIsRefusedItByPath() {
    JobSpec offline =
        new JobSpec(
            "pairs",
            "stories260K",
            "dpo",
            7,
            new DatasetSpec(
                "preferences/orca_dpo_validation.jsonl", 0, 32, "preferences", null, null),
            null,
            null,
            null,
            training());
    assertThat(fields(offline)).containsExactly("training.groupRobust");
  }
}
