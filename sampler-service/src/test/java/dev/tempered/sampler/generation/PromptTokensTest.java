package dev.tempered.sampler.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptTokensTest {

  @Test
  void keepsAPromptThatFits() {
    int[] prompt = {1, 10, 11, 12};
    assertThat(PromptTokens.fit(prompt, 4, 8)).isSameAs(prompt);
  }

  @Test
  void keepsBosAndTheLastTokensOfALongPrompt() {
    // context 8, budget 4: room for 4 prompt tokens = BOS + the last 3.
    assertThat(PromptTokens.fit(new int[] {1, 10, 11, 12, 13, 14}, 4, 8))
        .containsExactly(1, 12, 13, 14);
  }

  @Test
  void refusesABudgetThatFillsTheContext() {
    assertThatThrownBy(() -> PromptTokens.fit(new int[] {1}, 8, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxNewTokens 8 leaves no room");
  }
}
