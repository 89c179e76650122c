package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentenceEndTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "The end.|1.0",
        "Stop!|1.0",
        "Really?|1.0",
        "`She said \"hi.\"`|1.0",
        "`It was 'done!'`|1.0",
        "`  Why?  \n`|1.0",
        ".|1.0",
        "The end|0.0",
        "The end;|0.0",
        "`\"The end\"`|0.0",
        "`The end.\"\"`|0.0",
        "`The end.)`|0.0",
        "`\"`|0.0",
        "``|0.0",
        "`   `|0.0"
      })
  void scoresTrimmedEnding(String text, double expected) {
    assertThat(SentenceEnd.score(text)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void nullTextDoesNotEndASentence() {
    assertThat(SentenceEnd.score(null)).isEqualTo(0.0);
  }
}
