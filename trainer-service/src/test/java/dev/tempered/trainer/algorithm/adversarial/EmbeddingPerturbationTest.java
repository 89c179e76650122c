package dev.tempered.trainer.algorithm.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tempered.trainer.algorithm.adversarial.AdversarialSettings.Norm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FGSM and PGD steps worked out by hand on [B, T, D] tensors of a few values. */
class EmbeddingPerturbationTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray array(float[] values, long... shape) {
    return manager.create(values, new Shape(shape));
  }

  private static void assertValues(NDArray actual, float... expected) {
    float[] values = actual.toFloatArray();
    assertThat(values).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(values[i]).as("value %d", i).isCloseTo(expected[i], within(1e-6f));
    }
  }

  @Test
  void oneLinfStepFromZeroIsFgsmOnTheUnmaskedPositions() {
    // g = [[0.5, -2, 0], [3, -0.1, 4]]; ε = α = 0.1: δ = 0.1 · sign(g) at the second position only
    NDArray g = array(new float[] {0.5f, -2f, 0f, 3f, -0.1f, 4f}, 1, 2, 3);
    NDArray delta = manager.zeros(new Shape(1, 2, 3));
    AdversarialSettings fgsm = new AdversarialSettings(0.1, 1, 0.1, Norm.LINF);

    assertValues(
        EmbeddingPerturbation.ascend(delta, g, array(new float[] {1, 1}, 1, 2), fgsm),
        0.1f,
        -0.1f,
        0f,
        0.1f,
        -0.1f,
        0.1f);
    assertValues(
        EmbeddingPerturbation.ascend(delta, g, array(new float[] {0, 1}, 1, 2), fgsm),
        0f,
        0f,
        0f,
        0.1f,
        -0.1f,
        0.1f);
  }

  @Test
  void aPgdLinfStepIsClippedBackIntoTheBall() {
    // δ = [0.08, -0.08, 0.03] + 0.05 · sign([1, -1, -1]) = [0.13, -0.13, -0.02] → clip at ε = 0.1
    NDArray delta = array(new float[] {0.08f, -0.08f, 0.03f}, 1, 1, 3);
    NDArray g = array(new float[] {1f, -1f, -1f}, 1, 1, 3);
    AdversarialSettings pgd = new AdversarialSettings(0.1, 3, 0.05, Norm.LINF);

    assertValues(
        EmbeddingPerturbation.ascend(delta, g, array(new float[] {1}, 1, 1), pgd),
        0.1f,
        -0.1f,
        -0.02f);
  }

  @Test
  void anL2StepFollowsTheGradientNormalisedPerSequence() {
    // row 0: g = [[3, 0], [0, 4]], ‖g‖ = 5 → α g / ‖g‖ = 0.5 · [0.6, 0, 0, 0.8]
    // row 1: g = [[0, 0], [1, 0]], ‖g‖ = 1 → 0.5 · [0, 0, 1, 0]
    NDArray g = array(new float[] {3, 0, 0, 4, 0, 0, 1, 0}, 2, 2, 2);
    NDArray delta = manager.zeros(new Shape(2, 2, 2));
    AdversarialSettings l2 = new AdversarialSettings(1.0, 1, 0.5, Norm.L2);

    assertValues(
        EmbeddingPerturbation.ascend(delta, g, array(new float[] {1, 1, 1, 1}, 2, 2), l2),
        0.3f,
        0f,
        0f,
        0.4f,
        0f,
        0f,
        0.5f,
        0f);
  }

  @Test
  void anL2StepOutsideTheBallIsScaledBackOntoIt() {
    // δ = [0.6, 0.8] + 0.5 · [0.6, 0.8] = [0.9, 1.2], ‖δ‖ = 1.5 > ε = 1 → δ / 1.5 = [0.6, 0.8]
    NDArray delta = array(new float[] {0.6f, 0.8f}, 1, 1, 2);
    NDArray g = array(new float[] {3, 4}, 1, 1, 2);
    AdversarialSettings l2 = new AdversarialSettings(1.0, 2, 0.5, Norm.L2);

    NDArray next = EmbeddingPerturbation.ascend(delta, g, array(new float[] {1}, 1, 1), l2);

    assertValues(next, 0.6f, 0.8f);
    // inside the ball a point is left where it is
    assertValues(
        EmbeddingPerturbation.project(array(new float[] {0.3f, 0.4f}, 1, 1, 2), l2), 0.3f, 0.4f);
  }

  @Test
  void aZeroGradientLeavesTheL2PerturbationAtZero() {
    NDArray delta = manager.zeros(new Shape(1, 2, 2));
    AdversarialSettings l2 = new AdversarialSettings(1.0, 1, 0.5, Norm.L2);

    assertValues(
        EmbeddingPerturbation.ascend(
            delta, manager.zeros(new Shape(1, 2, 2)), array(new float[] {1, 1}, 1, 2), l2),
        0f,
        0f,
        0f,
        0f);
  }

  @Test
  void thePromptMaskLeavesOutPaddingBosAndTheCompletion() {
    // prompt width 3: row 0 is [pad, BOS, w | c, c], row 1 is [BOS, w, w | c, pad-end]
    NDArray keyValid = array(new float[] {0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 2, 5);

    assertValues(EmbeddingPerturbation.promptMask(keyValid, 3), 0, 0, 1, 0, 0, 0, 1, 1, 0, 0);
  }

  @Test
  void settingsTakeTheSpecsDefaults() {
    AdversarialSettings s =
        AdversarialSettings.of(new dev.tempered.api.job.AdversarialSpec(0.05, null, null, "l2"));

    assertThat(s).isEqualTo(new AdversarialSettings(0.05, 1, 0.05, Norm.L2));
  }
}
