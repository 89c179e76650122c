package dev.tempered.reward.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The parse rule of judge replies and the prompt template. */
class JudgeTextTest {

  @Test
  void theFirstNumberInZeroToTenIsTheScoreOverTen() throws Exception {
    assertThat(JudgeReplies.score("8/10")).isEqualTo(0.8);
    assertThat(JudgeReplies.score("Score: 7.5, maybe 9")).isEqualTo(0.75);
    assertThat(JudgeReplies.score("10")).isEqualTo(1.0);
    assertThat(JudgeReplies.score(" 0 ")).isEqualTo(0.0);
    assertThat(JudgeReplies.score("3 and 9")).isEqualTo(0.3);
  }

  @Test
  void noNumberOrAFirstNumberOutsideTheRangeIsUnparsable() {
    for (String reply : new String[] {"", "great answer", "-1", "11", "15/10", null}) {
      assertThatThrownBy(() -> JudgeReplies.score(reply))
          .isInstanceOfSatisfying(
              JudgeFailure.class,
              f -> assertThat(f.reason()).isEqualTo(JudgeFailure.Reason.UNPARSABLE));
    }
  }

  @Test
  void placeholdersAreReplacedOnceSoTextMayContainThem() {
    JudgePrompt prompt = new JudgePrompt("[{prompt}] [{candidate}] [{reference}] {other}");

    assertThat(prompt.render("a $1 b", "says {reference}", "r\\x"))
        .isEqualTo("[a $1 b] [says {reference}] [r\\x] {other}");
  }

  @Test
  void aTemplateWithoutTheCandidateIsRefused() {
    assertThatThrownBy(() -> new JudgePrompt("Rate {prompt}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{candidate}");
  }
}
