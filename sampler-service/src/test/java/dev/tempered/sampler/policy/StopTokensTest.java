package dev.tempered.sampler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.sampler.Stories260K;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StopTokensTest {

  @Test
  void piecesEndingASentenceOptionallyWithClosingQuotesStop() {
    assertThat(StopTokens.endsSentence(".")).isTrue();
    assertThat(StopTokens.endsSentence(" day.")).isTrue();
    assertThat(StopTokens.endsSentence("!\"")).isTrue();
    assertThat(StopTokens.endsSentence("?'")).isTrue();
    assertThat(StopTokens.endsSentence(".\u201D")).isTrue();
    assertThat(StopTokens.endsSentence(" the")).isFalse();
    assertThat(StopTokens.endsSentence(".a")).isFalse();
    assertThat(StopTokens.endsSentence("\"")).isFalse();
    assertThat(StopTokens.endsSentence(",")).isFalse();
    assertThat(StopTokens.endsSentence("<0x2E>")).isFalse();
  }

  @Test
  void stories260KStopsAtBosEosAndTheSentenceEndPiecesAndBytes() {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    Set<Integer> stops = StopTokens.of(tok);
    int period = tok.encode(".", false, false)[1]; // [space piece, "."]
    assertThat(tok.piece(period)).isEqualTo(".");
    // tok512.bin read by hand: "." 426, "!" 443, "?" 450; bytes 0x21, 0x2E, 0x3F are 36, 49, 66.
    assertThat(stops)
        .containsExactlyInAnyOrder(
            Llama2cTokenizer.BOS, Llama2cTokenizer.EOS, 36, 49, 66, 426, 443, 450);
    assertThat(stops).contains(period);
    int the = tok.encode("the", false, false)[0];
    assertThat(tok.piece(the)).isEqualTo(" the");
    assertThat(stops).doesNotContain(the, 436, 439); // " the", closing quotes alone
  }
}
