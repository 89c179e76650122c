package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.advantage.RewardScaling;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.training.AdamW;
import dev.tempered.trainer.algorithm.GrpoSettings;
import dev.tempered.trainer.algorithm.KlEstimator;
import dev.tempered.trainer.algorithm.LossAggregation;
import dev.tempered.trainer.algorithm.adversarial.AdversarialSettings;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GRPO step's options on a tiny random Llama with behaviour log-probs equal to the policy's own
 * (ratio 1), so the first update's loss is known by hand: with advantages ±0.707007 on completions
 * of 3 and 2 tokens, token-mean loss = −(−0.707007·3 + 0.707007·2) / 5 = 0.1414014.
 */
class GrpoStepTest {

  private static final double[] REWARDS = {0, 1};
  private static final double[] ADVANTAGES = {-0.707007, 0.707007};
  private static final float FIRST_LOSS = 0.1414014f;

  private LlamaModel policy;
  private AdamW optimizer;

  @BeforeEach
  void open() {
    policy = TinyPolicy.model(3);
    optimizer = AdamW.withDefaults(policy.parameters());
  }

  @AfterEach
  void close() {
    optimizer.close();
    policy.close();
  }

  private static GrpoOptions options(
      int iterations, Double isCap, boolean maskTruncated, Double eta) {
    GrpoSettings loss =
        new GrpoSettings(0.2, 0.2, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN)
            .withTruncatedIsCap(isCap);
    return new GrpoOptions(loss, RewardScaling.GROUP, iterations, false, maskTruncated, eta);
  }

  private GrpoStep.Outcome run(GrpoOptions options, GroupWeights weights, List<ScoredGroup> g) {
    GrpoBatch rows =
        GrpoBatch.of(g, RewardScaling.GROUP, false, options.maskTruncatedCompletions());
    return new GrpoStep(policy, null, optimizer, options, weights).run(rows, 1e-2, 0, 1.0);
  }

  private ScoredGroup group(String label, double shift) {
    return TinyPolicy.group(policy, label, REWARDS, ADVANTAGES, "stop", shift);
  }

  @Test
  void defaultsTakeOneUpdateAgainstTheBehaviourLogprobs() {
    GrpoStep.Outcome o = run(options(1, null, false, null), null, List.of(group("a", 0)));
    assertThat(o.applied()).isTrue();
    assertThat(o.iterations()).isEqualTo(1);
    assertThat(o.tokens()).isEqualTo(5);
    assertThat(o.loss()).isCloseTo(FIRST_LOSS, within(1e-5));
    assertThat(o.clipFraction()).isZero();
    assertThat(o.importanceWeight()).isNaN();
    assertThat(o.entropy()).isBetween(0.0, Math.log(32) + 1e-6);
  }

  @Test
  void iterationsRepeatTheUpdateAndCountEveryToken() {
    GrpoStep.Outcome o = run(options(3, null, false, null), null, List.of(group("a", 0)));
    assertThat(o.iterations()).isEqualTo(3);
    assertThat(o.tokens()).isEqualTo(15);
    // the later iterations see a policy that already moved towards the positive advantage
    assertThat(o.loss()).isLessThan(FIRST_LOSS);
  }

  @Test
  void truncatedImportanceWeightsAreCappedAndReported() {
    // behaviour = own log-probs − ln 3: raw weight 3 on every token, capped at 2
    GrpoStep.Outcome o = run(options(1, 2.0, false, null), null, List.of(group("a", -Math.log(3))));
    assertThat(o.importanceWeight()).isCloseTo(2.0, within(1e-5));
    assertThat(o.truncatedFraction()).isEqualTo(1.0);
    // ratio against the proximal pass is 1, so the loss is the weight times the plain one
    assertThat(o.loss()).isCloseTo(2 * FIRST_LOSS, within(1e-5));
  }

  @Test
  void maskedTruncatedCompletionsLeaveTheLossAndItsNormaliser() {
    ScoredGroup cut = TinyPolicy.group(policy, "a", REWARDS, ADVANTAGES, "length", 0);
    GrpoStep.Outcome o = run(options(1, null, true, null), null, List.of(cut));
    // only the 2-token completion with A = +0.707007 remains
    assertThat(o.tokens()).isEqualTo(2);
    assertThat(o.loss()).isCloseTo(-0.707007, within(1e-5));
  }

  @Test
  void groupRobustWeightingReportsEveryGroupAndTheWorst() {
    // group a: L_a = 0.1414014; group b has the rewards reversed: L_b = −0.1414014
    ScoredGroup b =
        TinyPolicy.group(
            policy, "b", new double[] {1, 0}, new double[] {0.707007, -0.707007}, "stop", 0);
    GroupWeights weights = new GroupWeights(1.0, List.of("a", "b"));
    GrpoStep.Outcome o = run(options(1, null, false, 1.0), weights, List.of(group("a", 0), b));
    double alphaA = Math.exp(FIRST_LOSS) / (Math.exp(FIRST_LOSS) + Math.exp(-FIRST_LOSS));
    assertThat(o.groups().get("a").loss()).isCloseTo(FIRST_LOSS, within(1e-5));
    assertThat(o.groups().get("b").loss()).isCloseTo(-FIRST_LOSS, within(1e-5));
    assertThat(o.groups().get("a").weight()).isCloseTo(alphaA, within(1e-6));
    assertThat(o.groups().get("a").reward()).isCloseTo(0.5, within(1e-6));
    assertThat(o.worstGroup()).isEqualTo("a");
    assertThat(o.loss()).isCloseTo(alphaA * FIRST_LOSS - (1 - alphaA) * FIRST_LOSS, within(1e-5));
    assertThat(weights.weight("a") + weights.weight("b")).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void adversarialTrainingMinimisesTheMeanOfTheCleanAndThePerturbedLoss() {
    GrpoOptions options = options(1, null, false, null);
    GrpoBatch rows = GrpoBatch.of(List.of(group("a", 0)), RewardScaling.GROUP, false, false);
    EmbeddingAttack pgd =
        new EmbeddingAttack(
            new AdversarialSettings(0.05, 3, 0.02, AdversarialSettings.Norm.L2),
            TinyPolicy.CONFIG.dim());

    GrpoStep.Outcome o =
        new GrpoStep(policy, null, optimizer, options, null, pgd).run(rows, 1e-2, 0, 1.0);

    // the clean pass is the plain first update; the perturbation raises the loss
    assertThat(o.adversarialCleanLoss()).isCloseTo(FIRST_LOSS, within(1e-5));
    assertThat(o.adversarialLoss()).isGreaterThan(o.adversarialCleanLoss());
    assertThat(o.loss())
        .isCloseTo((o.adversarialLoss() + o.adversarialCleanLoss()) / 2, within(1e-6));
    assertThat(o.applied()).isTrue();
    assertThat(o.tokens()).isEqualTo(5);
  }

  @Test
  void withoutAnAttackTheAdversarialLossesAreNaN() {
    GrpoStep.Outcome o = run(options(1, null, false, null), null, List.of(group("a", 0)));
    assertThat(o.adversarialLoss()).isNaN();
    assertThat(o.adversarialCleanLoss()).isNaN();
  }

  @Test
  void withGroupRobustWeightingTheWeightsTakeOneStepFromTheCleanLosses() {
    ScoredGroup b =
        TinyPolicy.group(
            policy, "b", new double[] {1, 0}, new double[] {0.707007, -0.707007}, "stop", 0);
    GrpoBatch rows = GrpoBatch.of(List.of(group("a", 0), b), RewardScaling.GROUP, false, false);
    GrpoOptions options = options(1, null, false, 1.0);
    GroupWeights weights = new GroupWeights(1.0, List.of("a", "b"));
    EmbeddingAttack pgd =
        new EmbeddingAttack(
            new AdversarialSettings(0.05, 3, 0.02, AdversarialSettings.Norm.LINF),
            TinyPolicy.CONFIG.dim());

    GrpoStep.Outcome o =
        new GrpoStep(policy, null, optimizer, options, weights, pgd).run(rows, 1e-2, 0, 1.0);

    // as without the attack (groupRobustWeightingReportsEveryGroupAndTheWorst): one update of
    // the weights from L_a = 0.1414014 and L_b = -0.1414014, however many passes the attack made
    double alphaA = Math.exp(FIRST_LOSS) / (Math.exp(FIRST_LOSS) + Math.exp(-FIRST_LOSS));
    assertThat(weights.weight("a")).isCloseTo(alphaA, within(1e-6));
    assertThat(o.adversarialCleanLoss())
        .isCloseTo(alphaA * FIRST_LOSS - (1 - alphaA) * FIRST_LOSS, within(1e-5));
    assertThat(o.adversarialLoss()).isGreaterThan(o.adversarialCleanLoss());
  }
}
