package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.message.Split;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseMixtureTest {

  private final OperatorCatalog catalog =
      new OperatorCatalog(() -> Misspellings.of(Map.of("cat", List.of("kat"))));
  private final NoiseMixture mixture =
      NoiseMixture.of(
          List.of(
              new NoiseOperatorSpec("misspelling", 3.0, "typos"),
              new NoiseOperatorSpec("word-dropout", 1.0, "dropped")),
          spec -> catalog.create(spec.kind()));

  @Test
  void choosesOperatorsInProportionToTheirWeights() {
    SplittableRandom random = new SplittableRandom(2024);
    int typos = 0;
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      NoiseMixture.Entry entry = mixture.choose(random);
      if (entry.group().equals("typos")) {
        assertThat(entry.operator().kind()).isEqualTo("misspelling");
        typos++;
      } else {
        assertThat(entry.group()).isEqualTo("dropped");
        assertThat(entry.operator().kind()).isEqualTo("word-dropout");
      }
    }
    assertThat(typos / (double) draws).isCloseTo(0.75, within(0.01));
  }

  @Test
  void theSamePromptAlwaysGetsTheSameOperator() {
    for (long n = 0; n < 100; n++) {
      assertThat(mixture.choose(PromptRandom.forPrompt(5, Split.TRAIN, n)).group())
          .isEqualTo(mixture.choose(PromptRandom.forPrompt(5, Split.TRAIN, n)).group());
    }
  }

  @Test
  void rejectsUnknownKindsAndEmptyMixtures() {
    assertThatThrownBy(() -> catalog.create("back-translation"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown noise operator kind 'back-translation'");
    assertThatThrownBy(() -> NoiseMixture.of(List.of(), spec -> catalog.create(spec.kind())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(
            () ->
                NoiseMixture.of(
                    List.of(new NoiseOperatorSpec("word-dropout", 0, "g")),
                    spec -> catalog.create(spec.kind())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight > 0");
  }

  @Test
  void drawsSeveralDifferentOperatorsByWeightWithoutReplacement() {
    NoiseMixture three =
        NoiseMixture.of(
            List.of(
                new NoiseOperatorSpec("char-swap", 2.0, "a"),
                new NoiseOperatorSpec("char-drop", 1.0, "b"),
                new NoiseOperatorSpec("char-case", 1.0, "c")),
            spec -> catalog.create(spec.kind()));
    // P({a,b}) = 2/4 * 1/2 + 1/4 * 2/3 = 5/12; P({a,c}) = 5/12; P({b,c}) = 2 * 1/4 * 1/3 = 1/6.
    SplittableRandom random = new SplittableRandom(77);
    Map<String, Integer> pairs = new java.util.HashMap<>();
    int draws = 30_000;
    for (int i = 0; i < draws; i++) {
      String pair =
          three.choose(2, random).stream()
              .map(NoiseMixture.Entry::group)
              .collect(java.util.stream.Collectors.joining());
      pairs.merge(pair, 1, Integer::sum);
    }
    assertThat(pairs.keySet()).containsExactlyInAnyOrder("ab", "ac", "bc");
    assertThat(pairs.get("ab") / (double) draws).isCloseTo(5.0 / 12, within(0.01));
    assertThat(pairs.get("ac") / (double) draws).isCloseTo(5.0 / 12, within(0.01));
    assertThat(pairs.get("bc") / (double) draws).isCloseTo(1.0 / 6, within(0.01));
    assertThat(three.choose(3, random))
        .extracting(NoiseMixture.Entry::group)
        .containsExactly("a", "b", "c");
    assertThatThrownBy(() -> three.choose(4, random)).hasMessageContaining("between 1 and 3");
  }

  @Test
  void oneOperatorPerPromptIsTheSameDrawAsBefore() {
    for (long seed = 0; seed < 50; seed++) {
      assertThat(mixture.choose(1, new SplittableRandom(seed)))
          .containsExactly(mixture.choose(new SplittableRandom(seed)));
    }
  }
}
