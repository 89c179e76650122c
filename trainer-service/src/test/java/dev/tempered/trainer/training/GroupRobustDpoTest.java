package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.tempered.api.job.GroupRobustSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.trainer.algorithm.dpo.DpoLossType;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import dev.tempered.trainer.preference.DpoPolicyTrainer;
import dev.tempered.trainer.preference.PairTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Group Robust Preference Optimization (Ramesh et al. 2024) on a tiny random Llama: per-pair DPO
 * losses ℓ = −log σ(z), z = β·((log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))), per
 * data group L_g = mean ℓ over its pairs, one step α_g ∝ α_g·exp(η·L_g), loss Σ_g α_g·L_g.
 */
class GroupRobustDpoTest {

  private static final List<Integer> LONG = List.of(4, 7, 2);
  private static final List<Integer> SHORT = List.of(6, 3);

  /** Σ log-probs of a completion after {@link TinyPolicy#PROMPT}. */
  private static double logprob(LlamaModel model, List<Integer> completion) {
    return TinyPolicy.logprobs(model, completion, 0).stream().mapToDouble(Float::doubleValue).sum();
  }

  private static PairTokens pair(List<Integer> chosen, List<Integer> rejected) {
    int[] prompt = TinyPolicy.PROMPT.stream().mapToInt(Integer::intValue).toArray();
    return new PairTokens(
        prompt,
        chosen.stream().mapToInt(Integer::intValue).toArray(),
        rejected.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Policy seed 4 against reference seed 3, β 1, η 1, pairs x: (LONG ≻ SHORT), (SHORT ≻ LONG') with
   * LONG' = [4, 7], y: (SHORT ≻ LONG); the expected values are the formulas above computed here
   * from the two models' sequence log-probs.
   */
  @Test
  void twoGroupsWeighTheirMeanPairLossesByHand() {
    List<Integer> longer = List.of(4, 7);
    double[] z;
    try (LlamaModel pi = TinyPolicy.model(4);
        LlamaModel ref = TinyPolicy.model(3)) {
      double dLong = logprob(pi, LONG) - logprob(ref, LONG);
      double dShort = logprob(pi, SHORT) - logprob(ref, SHORT);
      double dLonger = logprob(pi, longer) - logprob(ref, longer);
      z = new double[] {dLong - dShort, dShort - dLonger, dShort - dLong};
    }
    double[] l = new double[3];
    for (int i = 0; i < 3; i++) {
      l[i] = Math.log1p(Math.exp(-z[i]));
    }
    double lx = (l[0] + l[1]) / 2;
    double ly = l[2];
    double ax = Math.exp(lx) / (Math.exp(lx) + Math.exp(ly));
    double ay = 1 - ax;
    assertThat(Math.abs(lx - ly)).as("the groups' losses differ").isGreaterThan(0.01);

    GroupWeights weights = new GroupWeights(1.0, List.of("x", "y"));
    DpoPolicyTrainer.GroupedStep s;
    try (DpoPolicyTrainer trainer =
        new DpoPolicyTrainer(
            TinyPolicy.weights(3),
            Device.cpu(),
            new DpoPolicyTrainer.Settings(
                DpoSettings.of(DpoLossType.SIGMOID, 1.0, 0), 1e-3, 0, 1.0))) {
      trainer.restore(TinyPolicy.weights(4), null);
      s =
          trainer.step(
              List.of(pair(LONG, SHORT), pair(SHORT, longer), pair(SHORT, LONG)),
              1f,
              List.of("x", "x", "y"),
              weights);
    }
    assertThat(s.step().applied()).isTrue();
    GroupRobustLoss.GroupStats x = s.groups().get("x");
    GroupRobustLoss.GroupStats y = s.groups().get("y");
    assertThat(x.loss()).isCloseTo(lx, within(1e-5));
    assertThat(y.loss()).isCloseTo(ly, within(1e-5));
    assertThat(x.weight()).isCloseTo(ax, within(1e-5));
    assertThat(y.weight()).isCloseTo(ay, within(1e-5));
    assertThat(weights.weight("x")).isCloseTo(ax, within(1e-5));
    // the per-group reward is the mean implicit reward margin z of its pairs
    assertThat(x.reward()).isCloseTo((z[0] + z[1]) / 2, within(1e-4));
    assertThat(y.reward()).isCloseTo(z[2], within(1e-4));
    assertThat(x.samples()).isEqualTo(2);
    assertThat(s.step().loss()).isCloseTo(ax * lx + ay * ly, within(1e-5));
    assertThat(s.worstGroup()).isEqualTo(lx > ly ? "x" : "y");
  }

  private static ScoredGroup scored(String dataGroup, LlamaModel model) {
    return new ScoredGroup(
        Envelope.create(),
        "job",
        "p-" + dataGroup,
        dataGroup,
        0,
        1f,
        0,
        TinyPolicy.PROMPT,
        TinyPolicy.group(model, dataGroup, new double[] {1, 0}, new double[] {0, 0}, "stop", 0)
            .candidates(),
        0,
        0.5,
        0.5,
        null,
        List.of(new PreferencePair(0, 1, 1, 0)),
        0);
  }

  /**
   * Online DPO from the base model: policy = reference, so every pair's loss is log 2. The job
   * declares x, y and z (uniform 1/3); a step on x and y with η 1 gives α_x = α_y = (1/3)·2 /
   * ((1/3) ·(2 + 2 + 1)) = 0.4 and α_z = 0.2, and the weighted loss 0.4·log 2 + 0.4·log 2 = 0.8·log
   * 2.
   */
  @Test
  void onlineDpoStartsUniformOverTheDeclaredGroupsAndReportsThem() {
    TrainingSpec spec =
        new TrainingSpec(
            4,
            2,
            1e-3,
            0,
            0,
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
            new GroupRobustSpec(1.0));
    List<ScoredGroup> groups;
    try (LlamaModel base = TinyPolicy.model(3)) {
      groups = List.of(scored("x", base), scored("y", base));
    }
    try (OnlineDpoTrainer trainer =
        new OnlineDpoTrainer(spec, TinyPolicy.weights(3), Device.cpu(), List.of("x", "y", "z"))) {
      GroupTrainer.StepResult r = trainer.train(groups, 0);
      assertThat(r.applied()).isTrue();
      assertThat(r.metrics().loss()).isCloseTo(0.8 * Math.log(2), within(1e-5));
      Map<String, GroupRobustLoss.GroupStats> stats = r.details().groups();
      assertThat(stats).containsOnlyKeys("x", "y");
      assertThat(stats.get("x").loss()).isCloseTo(Math.log(2), within(1e-6));
      assertThat(stats.get("x").weight()).isCloseTo(0.4, within(1e-6));
      assertThat(stats.get("y").weight()).isCloseTo(0.4, within(1e-6));
      assertThat(stats.get("y").reward()).isCloseTo(0, within(1e-6));
      assertThat(r.details().worstGroup()).isIn("x", "y");
      assertThat(r.details().iterations()).isEqualTo(1);
    }
  }
}
