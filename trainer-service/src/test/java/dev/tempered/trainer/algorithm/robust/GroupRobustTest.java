package dev.tempered.trainer.algorithm.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tempered.trainer.algorithm.LossAggregation;
import dev.tempered.trainer.algorithm.SampleLosses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Golden values of DESIGN.md section 4 for Group DRO plus hand-computed weighting cases. */
class GroupRobustTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void exponentiatedGradientGoldenValues() {
    GroupWeights w = new GroupWeights(0.01, List.of("a", "b"));
    assertThat(w.weight("a")).isEqualTo(0.5);
    w.update(Map.of("a", 1.0, "b", 2.0));
    // e^0.01 / (e^0.01 + e^0.02) = 0.4975000
    assertThat(w.weight("a")).isCloseTo(0.4975, within(1e-6));
    assertThat(w.weight("b")).isCloseTo(0.5025, within(1e-6));
  }

  @Test
  void robustLossGoldenValueWithItsGradientAndMetrics() {
    // group a: samples 0.5 and 1.5 → L_a 1; group b: 2 → L_b 2
    NDArray losses = manager.create(new float[] {0.5f, 2f, 1.5f});
    losses.setRequiresGradient(true);
    GroupWeights w = new GroupWeights(0.01, List.of("a", "b"));
    GroupRobustLoss.Result r;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      r =
          GroupRobustLoss.compute(
              SampleLosses.uniform(losses),
              List.of("a", "b", "a"),
              new float[] {0.2f, 0.9f, 0.4f},
              w);
      // 0.4975 · 1 + 0.5025 · 2
      assertThat(r.loss().getFloat()).isCloseTo(1.5025f, within(1e-6f));
      collector.backward(r.loss());
    }
    // ∂/∂ℓ_i = α_g / |g|
    assertThat(losses.getGradient().toFloatArray())
        .containsExactly(new float[] {0.24875f, 0.5025f, 0.24875f}, within(1e-6f));
    assertThat(r.worstGroup()).isEqualTo("b");
    GroupRobustLoss.GroupStats a = r.groups().get("a");
    assertThat(a.loss()).isCloseTo(1.0, within(1e-6));
    assertThat(a.reward()).isCloseTo(0.3, within(1e-6));
    assertThat(a.weight()).isCloseTo(0.4975, within(1e-6));
    assertThat(a.samples()).isEqualTo(2);
  }

  @Test
  void tokenMeanGroupLossesCountTokensNotSequences() {
    // group a: one sequence of 2 tokens with loss 1 each and one of 4 tokens with loss 2 each:
    // token mean (2 + 8) / 6 = 1.666667, not the sequence mean 1.5. Group b is absent.
    NDArray perToken = manager.create(new float[] {1, 1, 0, 0, 2, 2, 2, 2}, new Shape(2, 4));
    NDArray mask = manager.create(new float[] {1, 1, 0, 0, 1, 1, 1, 1}, new Shape(2, 4));
    GroupWeights w = new GroupWeights(0.5, List.of("a", "b"));
    GroupRobustLoss.Result r =
        GroupRobustLoss.compute(
            SampleLosses.of(perToken, mask, LossAggregation.TOKEN_MEAN),
            List.of("a", "a"),
            null,
            w);
    assertThat(r.groups().get("a").loss()).isCloseTo(1.666667, within(1e-6));
    // α_a = 0.5·e^(0.5·1.666667) / (0.5·e^0.833333 + 0.5) = 0.697011; loss α_a · L_a
    double alpha = Math.exp(0.5 * 5 / 3.0) / (Math.exp(0.5 * 5 / 3.0) + 1);
    assertThat(w.weight("a")).isCloseTo(alpha, within(1e-6));
    assertThat(r.loss().getFloat()).isCloseTo((float) (alpha * 5 / 3.0), within(1e-5f));
    assertThat(r.groups()).doesNotContainKey("b");
  }

  @Test
  void largeLossesDoNotOverflowAndNewGroupsJoinWithAnEqualShare() {
    GroupWeights w = new GroupWeights(1.0, List.of("a", "b"));
    w.update(Map.of("a", 1000.0, "b", 1001.0));
    // 1 / (1 + e), e / (1 + e)
    assertThat(w.weight("a")).isCloseTo(0.268941, within(1e-6));
    assertThat(w.weight("b")).isCloseTo(0.731059, within(1e-6));
    w.include(List.of("c"));
    assertThat(w.weight("c")).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(w.weight("a") + w.weight("b") + w.weight("c")).isCloseTo(1.0, within(1e-12));
    assertThat(w.weight("b") / w.weight("a")).isCloseTo(Math.E, within(1e-6));
  }
}
