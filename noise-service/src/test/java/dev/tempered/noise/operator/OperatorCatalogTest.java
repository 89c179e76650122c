package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.noise.policy.CurrentPolicies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperatorCatalogTest {

  private final OperatorCatalog catalog =
      new OperatorCatalog(
          () -> Misspellings.of(Map.of("cat", List.of("kat"))),
          SharedWordNet::get,
          model -> Tok512.get(),
          new CurrentPolicies(Tok512::models),
          (model, text, seed) -> Optional.empty());

  @Test
  void createsEveryKindTheJobSpecValidatorAccepts() {
    assertThat(OperatorCatalog.KINDS)
        .containsExactlyInAnyOrderElementsOf(JobSpecValidator.NOISE_KINDS);
    for (String kind : OperatorCatalog.KINDS) {
      assertThat(catalog.create(kind, Tok512.MODEL).kind()).isEqualTo(kind);
    }
  }

  @Test
  void namesTheKnownKindsForAnUnknownOne() {
    assertThatThrownBy(() -> catalog.create("typo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown noise operator kind 'typo'")
        .hasMessageContaining("keyboard-typo, char-swap");
  }

  @Test
  void readsEachResourceOnlyWhenAnOperatorNeedsIt() {
    OperatorCatalog lazy =
        new OperatorCatalog(
            () -> {
              throw new IllegalStateException("misspellings read");
            },
            () -> {
              throw new IllegalStateException("WordNet read");
            });
    assertThat(lazy.create("char-swap").kind()).isEqualTo("char-swap");
    assertThatThrownBy(() -> lazy.create("synonym")).hasMessage("WordNet read");
  }

  @Test
  void passesTheShuffleWindowOfTheSpec() {
    NoiseOperator shuffle =
        catalog.create(new NoiseOperatorSpec("word-shuffle", 1.0, "s", 1), null);
    String text = "w0 w1 w2 w3 w4 w5 w6 w7";
    for (long seed = 0; seed < 200; seed++) {
      String[] words = shuffle.apply(text, 1.0, new SplittableRandom(seed)).text().split(" ");
      for (int slot = 0; slot < words.length; slot++) {
        assertThat(Math.abs(Integer.parseInt(words[slot].substring(1)) - slot))
            .isLessThanOrEqualTo(1);
      }
    }
  }
}
