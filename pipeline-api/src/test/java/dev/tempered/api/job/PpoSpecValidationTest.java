package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The {@code ppo} algorithm and its optional {@code training.ppo} settings. */
class PpoSpecValidationTest {

  private static JobSpec spec(String algorithm, PpoSpec ppo) {
    TrainingSpec base = new TrainingSpec(40, 8, 1e-3, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 2);
    TrainingSpec training =
        new TrainingSpec(
            base.steps(),
            base.promptsPerStep(),
            base.learningRate(),
            base.weightDecay(),
            base.beta(),
            base.epsilonLow(),
            base.epsilonHigh(),
            base.maxGradNorm(),
            base.checkpointEvery(),
            base.maxStaleness(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            ppo,
            null);
    return new JobSpec(
        "ppo",
        "stories260K",
        algorithm,
        7,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, 200),
        new NoiseSpec(
            List.of(new NoiseOperatorSpec("misspelling", 1.0, "misspelling")),
            new CurriculumSpec("linear", 0.1, 0.4)),
        new SamplingSpec(4, 1.0, 24),
        new RewardSpec(Map.of("chrf", 1.0)),
        training);
  }

  @Test
  void ppoIsAnAlgorithmAndItsSettingsAreOptional() {
    assertThat(JobSpecValidator.validate(spec("ppo", null))).isEmpty();
    PpoSpec all =
        new PpoSpec(0.99, 0.9, 0.5, 0.2, 2, 4, false, "adaptive", 0.1, 6.0, 1e4, "separate");
    assertThat(JobSpecValidator.validate(spec("ppo", all))).isEmpty();
    assertThat(spec("ppo", null).training().ppoOrDefault()).isEqualTo(PpoSpec.DEFAULTS);
  }

  @Test
  void theDefaultsAreTrlsPpoConfig() {
    PpoSpec d = PpoSpec.DEFAULTS;
    assertThat(d.gammaOrDefault()).isEqualTo(1.0);
    assertThat(d.lambdaOrDefault()).isEqualTo(0.95);
    assertThat(d.valueClipOrDefault()).isEqualTo(0.2);
    assertThat(d.valueCoefOrDefault()).isEqualTo(0.1);
    assertThat(d.epochsOrDefault()).isEqualTo(4);
    assertThat(d.minibatchesOrDefault()).isEqualTo(1);
    assertThat(d.whitenAdvantagesOrDefault()).isTrue();
    assertThat(d.klControllerOrDefault()).isEqualTo("fixed");
    assertThat(d.initKlCoefOrDefault()).isEqualTo(0.05);
    assertThat(d.klTargetOrDefault()).isEqualTo(6.0);
    assertThat(d.klHorizonOrDefault()).isEqualTo(10_000.0);
    assertThat(d.valueModelOrDefault()).isEqualTo("head");
  }

  @Test
  void namesEveryBadPpoFieldByItsPath() {
    PpoSpec bad = new PpoSpec(1.5, -0.1, 0.0, -1.0, 0, 33, null, "pid", -0.1, 0.0, -5.0, "tied");
    assertThat(JobSpecValidator.validate(spec("ppo", bad)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "training.ppo.gamma",
            "training.ppo.lambda",
            "training.ppo.valueClip",
            "training.ppo.valueCoef",
            "training.ppo.epochs",
            // 8 prompts × 4 candidates = 32 rows per step at most
            "training.ppo.minibatches",
            "training.ppo.klController",
            "training.ppo.initKlCoef",
            "training.ppo.klTarget",
            "training.ppo.klHorizon",
            "training.ppo.valueModel");
    assertThat(JobSpecValidator.validate(spec("ppo", bad)))
        .filteredOn(e -> e.field().equals("training.ppo.lambda"))
        .extracting(FieldError::message)
        .containsExactly("must be in [0, 1]");
  }

  @Test
  void ppoSettingsOnAnotherAlgorithmAreAnError() {
    assertThat(JobSpecValidator.validate(spec("grpo", PpoSpec.DEFAULTS)))
        .containsExactly(new FieldError("training.ppo", "applies only to algorithm ppo"));
  }

  @Test
  void readsTrainingPpoFromJson() {
    PpoSpec read =
        JsonMapper.builder()
            .build()
            .readValue(
                "{\"lambda\":0.9,\"epochs\":2,\"klController\":\"adaptive\","
                    + "\"valueModel\":\"separate\"}",
                PpoSpec.class);
    assertThat(read)
        .isEqualTo(
            new PpoSpec(
                null, 0.9, null, null, 2, null, null, "adaptive", null, null, null, "separate"));
  }
}
