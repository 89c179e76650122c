package dev.tempered.noise.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.TrainingSpec;
import org.junit.jupiter.api.Test;

class CreditWindowTest {

  // 3 steps of 2 prompts: 6 TRAIN prompts, at most 4 ahead of the trainer.
  private static final TrainingSpec TRAINING =
      new TrainingSpec(3, 2, 1e-4, 0.0, 0.0, 0.2, 0.28, 1.0, 1, 2);

  @Test
  void beforeAnyRolloutTwoStepsOfPromptsMayGoOut() {
    assertThat(CreditWindow.allowance(0, TRAINING, TrainerProgress.NONE)).isEqualTo(4);
    assertThat(CreditWindow.allowance(3, TRAINING, TrainerProgress.NONE)).isEqualTo(1);
    assertThat(CreditWindow.allowance(4, TRAINING, TrainerProgress.NONE)).isZero();
  }

  @Test
  void consumedGroupsOpenTheWindowUpToTheTarget() {
    // consumed 2: window allows 2 + 4 = 6, the target is 3 * 2 = 6.
    assertThat(CreditWindow.allowance(4, TRAINING, new TrainerProgress(1, 2))).isEqualTo(2);
    assertThat(CreditWindow.target(TRAINING, new TrainerProgress(1, 2))).isEqualTo(6);
    // consumed 4 after 2 steps: window allows 8 but the target stops at 6.
    assertThat(CreditWindow.allowance(6, TRAINING, new TrainerProgress(2, 4))).isZero();
  }

  @Test
  void droppedGroupsAreReplaced() {
    // step 2 with 5 consumed: 5 - 2 * 2 = 1 dropped, so the target is 6 + 1 = 7.
    TrainerProgress progress = new TrainerProgress(2, 5);
    assertThat(CreditWindow.target(TRAINING, progress)).isEqualTo(7);
    assertThat(CreditWindow.allowance(6, TRAINING, progress)).isEqualTo(1);
    // After the last step with one dropped: 7 - 3 * 2 = 1, target 7, all published.
    assertThat(CreditWindow.allowance(7, TRAINING, new TrainerProgress(3, 7))).isZero();
  }

  @Test
  void progressNeverGoesBack() {
    TrainerProgress latest = new TrainerProgress(3, 7).max(new TrainerProgress(2, 5));
    assertThat(latest).isEqualTo(new TrainerProgress(3, 7));
  }
}
