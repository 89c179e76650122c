package dev.tempered.sampler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void mixIsTheSplitMix64Finaliser() {
    // Computed by hand (Python, 64-bit wrap-around) from the SplitMix64 constants.
    assertThat(Seeds.mix(0)).isZero();
    assertThat(Seeds.mix(1)).isEqualTo(6238072747940578789L);
  }

  @Test
  void promptSeedDependsOnJobSeedSequenceAndVersionReproducibly() {
    assertThat(Seeds.forPrompt(7, 3, 0)).isEqualTo(-8379498790292848303L);
    assertThat(Seeds.forPrompt(7, 3, 1)).isEqualTo(-7055617957384631096L);
    assertThat(Seeds.forPrompt(7, 4, 0)).isEqualTo(-1699705584949570379L);
    assertThat(Seeds.forPrompt(7, 3, 0)).isEqualTo(Seeds.forPrompt(7, 3, 0));
    assertThat(Seeds.forPrompt(8, 3, 0)).isNotEqualTo(Seeds.forPrompt(7, 3, 0));
  }

  @Test
  void callSeedFoldsPromptSeedsInOrder() {
    long a = Seeds.forPrompt(7, 3, 0);
    long c = Seeds.forPrompt(7, 4, 0);
    assertThat(Seeds.forCall(new long[] {a})).isEqualTo(a);
    assertThat(Seeds.forCall(new long[] {a, c})).isEqualTo(-2688815720771483614L);
    assertThat(Seeds.forCall(new long[] {c, a})).isNotEqualTo(Seeds.forCall(new long[] {a, c}));
    assertThatThrownBy(() -> Seeds.forCall(new long[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
