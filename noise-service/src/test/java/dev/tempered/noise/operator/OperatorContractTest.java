package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.message.NoiseOp;
import dev.tempered.noise.policy.CurrentPolicies;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The acceptance contract of issue 5, checked the same way for every text operator. */
class OperatorContractTest {

  static final String TEXT =
      "Once upon a time, there was a little girl named Lily. She loved to play outside in the"
          + " park with her big dog. One day, she saw a red ball under a tree and ran to get it.";

  private static final Misspellings TABLE =
      Misspellings.of(
          Map.of(
              "time", List.of("tiem"),
              "little", List.of("litle", "littel"),
              "girl", List.of("gril"),
              "loved", List.of("lovd"),
              "outside", List.of("outsid"),
              "park", List.of("prak"),
              "ball", List.of("bal"),
              "tree", List.of("tre")));

  /**
   * The sentence that follows {@link #TEXT}: the continuation whose loss {@code hotflip} raises.
   */
  static final String REFERENCE = "The ball was very shiny and she wanted to show it to her mom.";

  // A hotflip prompt takes a gradient pass per flip, about a second on a shared CPU, and the attack
  // does not depend on the seed: a few trials check the same properties.
  private static final Set<String> MODEL_KINDS = Set.of(HotFlipOperator.KIND);

  private static final CurrentPolicies POLICIES = new CurrentPolicies(Tok512::models);

  // Suppliers, so that a token-level kind without ../shared skips its own tests only.
  static Stream<Arguments> operators() {
    OperatorCatalog catalog =
        new OperatorCatalog(() -> TABLE, SharedWordNet::get, model -> Tok512.get(), POLICIES);
    // paraphrase asks the sampler over HTTP: ParaphraseSamplerIT checks the contract against it.
    return OperatorCatalog.KINDS.stream()
        .filter(kind -> !kind.equals(ParaphraseOperator.KIND))
        .map(
            kind ->
                Arguments.of(
                    kind,
                    (Supplier<NoiseOperator>)
                        () -> withReference(catalog.create(kind, Tok512.MODEL))));
  }

  @AfterAll
  static void freeTheModels() {
    POLICIES.close();
  }

  /** {@code op} applied as the prompt factory applies it: with the example's reference. */
  static NoiseOperator withReference(NoiseOperator op) {
    return new NoiseOperator() {
      @Override
      public String kind() {
        return op.kind();
      }

      @Override
      public NoisyText apply(String text, double strength, RandomGenerator random) {
        return op.apply(text, REFERENCE, strength, random);
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void sameSeedGivesTheSameOutput(String kind, Supplier<NoiseOperator> operator) {
    NoiseOperator op = operator.get();
    for (long seed = 0; seed < trials(kind, 20); seed++) {
      assertThat(op.apply(TEXT, 0.5, new SplittableRandom(seed)))
          .isEqualTo(op.apply(TEXT, 0.5, new SplittableRandom(seed)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void strengthZeroIsTheIdentity(String kind, Supplier<NoiseOperator> operator) {
    NoiseOperator op = operator.get();
    for (long seed = 0; seed < 20; seed++) {
      NoisyText out = op.apply(TEXT, 0.0, new SplittableRandom(seed));
      assertThat(out.text()).isEqualTo(TEXT);
      assertThat(out.ops()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void recordedOpsReplayOntoTheCleanTextToGiveTheNoisyText(
      String kind, Supplier<NoiseOperator> operator) {
    NoiseOperator op = operator.get();
    int changed = 0;
    int trials = trials(kind, 200);
    for (long seed = 0; seed < trials; seed++) {
      double strength = (seed % 4 + 1) / 4.0;
      NoisyText out = op.apply(TEXT, strength, new SplittableRandom(seed));
      assertThat(NoisyText.replay(TEXT, out.ops())).isEqualTo(out.text());
      for (NoiseOp change : out.ops()) {
        assertThat(change.kind()).isEqualTo(kind);
        assertThat(change.after()).isNotEqualTo(change.before());
      }
      changed += out.text().equals(TEXT) ? 0 : 1;
    }
    assertThat(changed).as("prompts the operator changed").isGreaterThan(trials * 3 / 4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void measuredEditRateGrowsWithStrength(String kind, Supplier<NoiseOperator> operator) {
    NoiseOperator op = operator.get();
    int trials = trials(kind, 200);
    double low = meanEditRate(op, 0.1, trials);
    double mid = meanEditRate(op, 0.4, trials);
    double high = meanEditRate(op, 0.8, trials);
    assertThat(low).isGreaterThan(0.0);
    assertThat(mid).isGreaterThan(low);
    assertThat(high).isGreaterThan(mid);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void rejectsStrengthOutsideTheUnitInterval(String kind, Supplier<NoiseOperator> operator) {
    NoiseOperator op = operator.get();
    for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> op.apply(TEXT, bad, new SplittableRandom(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[0, 1]");
    }
  }

  private static int trials(String kind, int usual) {
    return MODEL_KINDS.contains(kind) ? Math.min(usual, 4) : usual;
  }

  private static double meanEditRate(NoiseOperator op, double strength, int trials) {
    double sum = 0;
    for (int seed = 0; seed < trials; seed++) {
      sum += EditDistance.rate(TEXT, op.apply(TEXT, strength, new SplittableRandom(seed)).text());
    }
    return sum / trials;
  }
}
