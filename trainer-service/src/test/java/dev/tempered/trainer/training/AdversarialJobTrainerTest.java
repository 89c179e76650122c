package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.tempered.api.job.AdversarialSpec;
import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code training.adversarial} of a valid job spec reaches the trainer: its steps report the loss
 * at the perturbed embeddings above the clean one, and a job without it reports NaN.
 */
class AdversarialJobTrainerTest {

  private static final double[] REWARDS = {0, 1};
  private static final double[] ADVANTAGES = {-0.707007, 0.707007};

  @Test
  void theJobSpecsAttackRaisesTheLossTheTrainerReports() {
    JobSpec job = job(new AdversarialSpec(0.05, null, null, "linf"));
    assertThat(JobSpecValidator.validate(job)).isEmpty();

    StepDetails details = step(job.training());

    assertThat(details.adversarialCleanLoss()).isCloseTo(0.1414014, within(1e-5));
    assertThat(details.adversarialLoss()).isGreaterThan(details.adversarialCleanLoss());
    assertThat(details.adversarialLossIncrease()).isPositive();
  }

  @Test
  void aJobWithoutItReportsNoAdversarialLoss() {
    StepDetails details = step(job(null).training());

    assertThat(details.adversarialLoss()).isNaN();
    assertThat(details.adversarialLossIncrease()).isNaN();
  }

  private static StepDetails step(TrainingSpec training) {
    try (LlamaModel behaviour = TinyPolicy.model(3);
        JobTrainer trainer =
            new JobTrainer(training, TinyPolicy.weights(3), Device.cpu(), List.of("a"))) {
      ScoredGroup group = TinyPolicy.group(behaviour, "a", REWARDS, ADVANTAGES, "stop", 0);
      JobTrainer.StepResult result = trainer.train(trainer.batch(List.of(group)), 0, 0);
      assertThat(result.applied()).isTrue();
      return result.details();
    }
  }

  private static JobSpec job(AdversarialSpec adversarial) {
    return new JobSpec(
        "adversarial",
        "stories260K",
        "grpo",
        7,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, 4),
        new NoiseSpec(
            List.of(new NoiseOperatorSpec("misspelling", 1.0, "a")),
            new CurriculumSpec("constant", 0.2, 0.2)),
        new SamplingSpec(2, 1.0, 8),
        new RewardSpec(Map.of("chrf", 1.0)),
        new TrainingSpec(
            4,
            1,
            1e-2,
            0.0,
            0.0,
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
            null,
            adversarial,
            null,
            null,
            null));
  }
}
