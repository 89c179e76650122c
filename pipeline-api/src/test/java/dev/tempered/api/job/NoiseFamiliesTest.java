package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoiseFamiliesTest {

  @Test
  void everyValidatedKindHasAFamily() {
    for (String kind : JobSpecValidator.NOISE_KINDS) {
      assertThat(NoiseFamilies.of(kind))
          .as(kind)
          .isIn("character", "word", "token", "adversarial", "paraphrase");
    }
  }

  @Test
  void kindsMapToTheirFamilies() {
    assertThat(NoiseFamilies.of("keyboard-typo")).isEqualTo("character");
    assertThat(NoiseFamilies.of("char-case")).isEqualTo("character");
    assertThat(NoiseFamilies.of("synonym")).isEqualTo("word");
    assertThat(NoiseFamilies.of("word-dropout")).isEqualTo("word");
    assertThat(NoiseFamilies.of("token-shuffle")).isEqualTo("token");
    assertThat(NoiseFamilies.of("hotflip")).isEqualTo("adversarial");
    assertThat(NoiseFamilies.of("paraphrase")).isEqualTo("paraphrase");
  }

  @Test
  void unknownKindIsRejectedByName() {
    assertThatThrownBy(() -> NoiseFamilies.of("char-flip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("char-flip");
  }
}
