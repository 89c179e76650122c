package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.DpoSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.trainer.algorithm.dpo.DpoLossType;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code training.dpo} becomes the DPO loss settings, absent fields at TRL's defaults. */
class DpoOptionsTest {

  private static TrainingSpec training(DpoSpec dpo) {
    return new TrainingSpec(8, 4, 1e-3, 0.0, 0.04, 0.2, 0.2, 1.0, 4, 2).withDpo(dpo);
  }

  @Test
  void withoutADpoSectionTheLossIsSigmoidAtBetaPointOne() {
    assertThat(DpoOptions.loss(training(null)))
        .isEqualTo(DpoSettings.of(DpoLossType.SIGMOID, 0.1, 0));
  }

  @Test
  void aWeightedMixKeepsEveryTermAndItsWeightInNameOrder() {
    DpoSpec mix =
        new DpoSpec(0.5, Map.of("sigmoid", 1.0, "robust", 2.0, "ipo", 0.25), 0.1, null, null);
    assertThat(DpoOptions.loss(training(mix)))
        .isEqualTo(
            new DpoSettings(
                0.5,
                0.1,
                List.of(
                    new DpoSettings.Term(DpoLossType.IPO, 0.25),
                    new DpoSettings.Term(DpoLossType.ROBUST, 2.0),
                    new DpoSettings.Term(DpoLossType.SIGMOID, 1.0))));
  }

  @Test
  void theGrpoBetaIsNotTheDpoBeta() {
    // training.beta (0.04 here) is GRPO's KL coefficient; DPO's β lives in training.dpo
    assertThat(DpoOptions.loss(training(DpoSpec.defaults())).beta()).isEqualTo(0.1);
  }
}
