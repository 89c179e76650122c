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
    assertThatThrownBy(() -> catalog.create("paraphrase"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown noise operator kind 'paraphrase'");
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
}
