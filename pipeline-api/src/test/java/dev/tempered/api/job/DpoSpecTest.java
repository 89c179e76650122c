package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code training.dpo}: its defaults, and every bad field named by its path. */
class DpoSpecTest {

  private static final DatasetSpec PAIRS =
      new DatasetSpec("preferences/orca_dpo_validation.jsonl", 0, 32, "preferences", null, null);

  private static TrainingSpec training(DpoSpec dpo) {
    return new TrainingSpec(16, 8, 5e-4, 0.0, 0.0, 0.2, 0.2, 1.0, 4, 2).withDpo(dpo);
  }

  private static JobSpec job(String algorithm, DpoSpec dpo) {
    return new JobSpec(
        "pairs", "stories260K", algorithm, 7, PAIRS, null, null, null, training(dpo));
  }

  private static List<String> fields(JobSpec spec) {
    return JobSpecValidator.validate(spec).stream().map(FieldError::field).toList();
  }

  @Test
  void absentFieldsTakeTrlDefaults() {
    DpoSpec d = training(null).dpoOrDefault();
    assertThat(d.betaOrDefault()).isEqualTo(0.1);
    assertThat(d.lossesOrDefault()).isEqualTo(Map.of("sigmoid", 1.0));
    assertThat(d.labelSmoothingOrDefault()).isZero();
    assertThat(d.maxPromptTokensOrDefault()).isEqualTo(128);
    assertThat(d.maxCompletionTokensOrDefault()).isEqualTo(128);
    assertThat(new TrainingSpec(16, 8, 5e-4, 0.0, 0.0, 0.2, 0.2, 1.0, 4, 2).dpo()).isNull();
  }

  @Test
  void withDpoChangesOnlyTheDpoSection() {
    TrainingSpec grpo =
        new TrainingSpec(
            40,
            8,
            1e-3,
            0.0,
            0.04,
            0.2,
            0.28,
            1.0,
            2,
            2,
            "batch",
            "dr-grpo",
            2,
            "sequence",
            2.0,
            true,
            true,
            new GroupRobustSpec(0.01));
    DpoSpec dpo = new DpoSpec(0.2, null, null, null, null);
    assertThat(grpo.withDpo(dpo).dpo()).isEqualTo(dpo);
    assertThat(grpo.withDpo(dpo).withDpo(null)).isEqualTo(grpo);
  }

  @Test
  void acceptsAWeightedMixOfEveryLoss() {
    DpoSpec mix =
        new DpoSpec(
            0.5, Map.of("sigmoid", 1.0, "ipo", 0.5, "hinge", 0.25, "robust", 2.0), 0.1, 64, 32);
    assertThat(JobSpecValidator.validate(job("dpo", mix))).isEmpty();
    assertThat(JobSpecValidator.validate(job("dpo", DpoSpec.defaults()))).isEmpty();
  }

  @Test
  void namesEveryBadFieldByItsPath() {
    Map<String, Double> losses = new LinkedHashMap<>();
    losses.put("kto", 1.0);
    losses.put("hinge", 0.0);
    losses.put("ipo", Double.NaN);
    DpoSpec bad = new DpoSpec(0.0, losses, 0.5, 1, 0);
    assertThat(fields(job("dpo", bad)))
        .containsExactlyInAnyOrder(
            "training.dpo.beta",
            "training.dpo.losses.kto",
            "training.dpo.losses.hinge",
            "training.dpo.losses.ipo",
            "training.dpo.labelSmoothing",
            "training.dpo.maxPromptTokens",
            "training.dpo.maxCompletionTokens");
    assertThat(fields(job("dpo", new DpoSpec(-1.0, Map.of(), -0.1, null, null))))
        .containsExactlyInAnyOrder(
            "training.dpo.beta", "training.dpo.losses", "training.dpo.labelSmoothing");
  }

  @Test
  void aDpoSectionOnAnotherAlgorithmIsRefusedNotIgnored() {
    List<FieldError> errors = JobSpecValidator.validate(job("reward-model", DpoSpec.defaults()));
    assertThat(errors).extracting(FieldError::field).containsExactly("training.dpo");
    assertThat(errors.get(0).message()).contains("only to algorithm dpo");
  }
}
