package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.tempered.api.advantage.RewardScaling;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.training.AdamW;
import dev.tempered.trainer.algorithm.ppo.PpoSettings;
import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PPO step's plumbing on a tiny random Llama with completions [4, 7, 2] (reward 0) and [6, 3]
 * (reward 1). With the value head's weight and bias at 0 every old value is 0, so without a KL
 * penalty GAE (γ 1, λ 0.95) gives A = R = [0, 0, 0 | 0.95, 1]; the first update sees ratio 1 and V
 * = V_old, so the policy loss is −mean(whitened A) = 0 and the value loss 0.5·mean(A²) = 0.5 ·
 * (0.95² + 1) / 5 = 0.19025, the total 0.1 · 0.19025 = 0.019025.
 */
class PpoStepTest {

  private static final double[] REWARDS = {0, 1};
  private static final double[] UNUSED_ADVANTAGES = {0, 0};

  private LlamaModel policy;
  private LlamaModel reference;
  private PpoCritic critic;
  private AdamW optimizer;

  @BeforeEach
  void open() {
    policy = TinyPolicy.model(3);
  }

  @AfterEach
  void close() {
    optimizer.close();
    critic.close();
    policy.close();
    if (reference != null) {
      reference.close();
    }
  }

  private static PpoOptions options(
      int epochs, int minibatches, boolean adaptive, double klCoef, boolean separate) {
    return new PpoOptions(
        new PpoSettings(0.2, 0.2, 0.2, 0.1),
        1.0,
        0.95,
        epochs,
        minibatches,
        true,
        adaptive,
        klCoef,
        6,
        10,
        separate);
  }

  private PpoStep.Result run(PpoOptions options) {
    critic = PpoCritic.create(options.separateValueModel(), TinyPolicy.weights(3), Device.cpu());
    headParameters().values().forEach(p -> p.set(new float[(int) p.size()]));
    optimizer = AdamW.withDefaults(critic.withPolicy(policy.parameters()));
    GrpoBatch rows =
        GrpoBatch.of(
            List.of(TinyPolicy.group(policy, "a", REWARDS, UNUSED_ADVANTAGES, "stop", 0)),
            RewardScaling.GROUP,
            false,
            false);
    return new PpoStep(policy, reference, critic, optimizer, options, options.klController())
        .run(rows, 1e-2, 0, 1.0);
  }

  private Map<String, NDArray> headParameters() {
    return critic.headParameters();
  }

  @Test
  void theFirstUpdateHasTheHandComputedLosses() {
    PpoStep.Result r = run(options(1, 1, false, 0, false));
    GrpoStep.Outcome o = r.outcome();
    assertThat(o.applied()).isTrue();
    assertThat(o.iterations()).isEqualTo(1);
    assertThat(o.tokens()).isEqualTo(5);
    assertThat(o.policyLoss()).isCloseTo(0, within(1e-6));
    assertThat(r.details().valueLoss()).isCloseTo(0.19025, within(1e-6));
    assertThat(o.loss()).isCloseTo(0.019025, within(1e-6));
    assertThat(o.clipFraction()).isZero();
    assertThat(r.details().valueClipFraction()).isZero();
    assertThat(o.kl()).isZero();
    assertThat(o.entropy()).isBetween(0.0, Math.log(32) + 1e-6);
    assertThat(r.details().advantageMean()).isCloseTo(1.95 / 5, within(1e-6));
    assertThat(r.details().returnMean()).isCloseTo(1.95 / 5, within(1e-6));
    assertThat(r.details().valueGradNorm()).isNaN();
    assertThat(o.gradNorm()).isPositive();
    // the head trained with the policy's AdamW: its weight left 0
    assertThat(headParameters().get(ValueHead.WEIGHT).abs().sum().getFloat()).isPositive();
  }

  /**
   * Data group x: rewards [0, 1], y: [1, 0.5], so GAE (V 0, γ 1, λ 0.95) gives A = x [0, 0, 0 |
   * 0.95, 1], y [0.9025, 0.95, 1 | 0.475, 0.5]: mean μ 0.57775, Bessel variance 0.19524229, s =
   * sqrt(var + 1e-8) 0.44186231. At ratio 1 each token's policy loss is −(A − μ)/s, so the groups'
   * token-mean losses are L_x = (μ − 0.39)/s = 0.42490612 and L_y = (μ − 0.7655)/s = −0.42490612.
   * From [0.5, 0.5] with η 0.5: α_x = e^{0.5·L_x}/(e^{0.5·L_x} + e^{0.5·L_y}) = 0.60465664, α_y =
   * 0.39534336; policy loss α·L = 0.08893850; value loss 0.5·mean(A²) = 0.25475656; total
   * 0.08893850 + 0.1·0.25475656 = 0.11441415.
   */
  @Test
  void groupRobustWeightingWeighsEachGroupsPolicyLossByHand() {
    PpoOptions options = options(1, 1, false, 0, false);
    critic = PpoCritic.create(false, TinyPolicy.weights(3), Device.cpu());
    headParameters().values().forEach(p -> p.set(new float[(int) p.size()]));
    optimizer = AdamW.withDefaults(critic.withPolicy(policy.parameters()));
    GrpoBatch rows =
        GrpoBatch.of(
            List.of(
                TinyPolicy.group(policy, "x", new double[] {0, 1}, UNUSED_ADVANTAGES, "stop", 0),
                TinyPolicy.group(policy, "y", new double[] {1, 0.5}, UNUSED_ADVANTAGES, "stop", 0)),
            RewardScaling.GROUP,
            false,
            false);
    GroupWeights weights = new GroupWeights(0.5, List.of("x", "y"));
    PpoStep.Result r =
        new PpoStep(policy, null, critic, optimizer, options, options.klController(), weights)
            .run(rows, 1e-2, 0, 1.0);
    GrpoStep.Outcome o = r.outcome();
    assertThat(o.applied()).isTrue();
    assertThat(r.details().valueLoss()).isCloseTo(0.25475656, within(1e-6));
    // the unweighted policy loss of whitened advantages is 0; the trained loss is the weighted one
    assertThat(o.policyLoss()).isCloseTo(0, within(1e-6));
    assertThat(o.loss()).isCloseTo(0.11441415, within(1e-6));
    GroupRobustLoss.GroupStats x = o.groups().get("x");
    GroupRobustLoss.GroupStats y = o.groups().get("y");
    assertThat(x.loss()).isCloseTo(0.42490612, within(1e-5));
    assertThat(y.loss()).isCloseTo(-0.42490612, within(1e-5));
    assertThat(x.weight()).isCloseTo(0.60465664, within(1e-6));
    assertThat(y.weight()).isCloseTo(0.39534336, within(1e-6));
    assertThat(x.reward()).isCloseTo(0.5, within(1e-6));
    assertThat(y.reward()).isCloseTo(0.75, within(1e-6));
    assertThat(x.samples()).isEqualTo(2);
    assertThat(o.worstGroup()).isEqualTo("x");
    assertThat(weights.weight("x")).isCloseTo(0.60465664, within(1e-6));
  }

  @Test
  void epochsTimesMinibatchesUpdatesCountEveryToken() {
    PpoStep.Result r = run(options(2, 2, false, 0, false));
    assertThat(r.outcome().iterations()).isEqualTo(4);
    assertThat(r.details().updates()).isEqualTo(4);
    assertThat(r.outcome().tokens()).isEqualTo(10);
    assertThat(r.outcome().loss()).isFinite();
  }

  @Test
  void theKlToTheReferenceIsK1AndFeedsTheAdaptiveController() {
    reference = TinyPolicy.model(4);
    List<List<Integer>> completions = List.of(List.of(4, 7, 2), List.of(6, 3));
    double klSum = 0;
    for (List<Integer> c : completions) {
      List<Float> own = TinyPolicy.logprobs(policy, c, 0);
      List<Float> ref = TinyPolicy.logprobs(reference, c, 0);
      for (int i = 0; i < c.size(); i++) {
        klSum += own.get(i) - ref.get(i);
      }
    }
    PpoStep.Result r = run(options(1, 1, true, 0.1, false));
    assertThat(r.outcome().kl()).isCloseTo(klSum / 5, within(1e-5));
    assertThat(r.details().klPerSequence()).isCloseTo(klSum / 2, within(1e-5));
    assertThat(r.details().klCoefficient()).isEqualTo(0.1);
    // Ziegler: β·(1 + clip(KL/target − 1, ±0.2)·n/horizon), n = 2 samples, horizon 10
    double error = Math.max(-0.2, Math.min(0.2, klSum / 2 / 6 - 1));
    assertThat(r.details().nextKlCoefficient()).isCloseTo(0.1 * (1 + error * 2 / 10), within(1e-7));
  }

  @Test
  void aSeparateValueModelHasItsOwnOptimiserAndGradientNorm() {
    PpoStep.Result r = run(options(1, 1, false, 0, true));
    // its values start at 0 too, so the losses are the same hand-computed ones
    assertThat(r.details().valueLoss()).isCloseTo(0.19025, within(1e-6));
    assertThat(r.details().valueGradNorm()).isPositive().isFinite();
    assertThat(headParameters().get(ValueHead.WEIGHT).abs().sum().getFloat()).isPositive();
    assertThat(critic.withPolicy(policy.parameters())).doesNotContainKey(ValueHead.WEIGHT);
  }
}
