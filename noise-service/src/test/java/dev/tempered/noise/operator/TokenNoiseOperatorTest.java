package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TokenNoiseOperatorTest {

  private static final String TEXT = "Once upon a time, there was a little girl named Lily.";

  @Test
  void unitsSpellTheTextBackWithoutTheDummySpace() {
    Llama2cTokenizer tok = Tok512.get();
    for (String text : List.of(TEXT, "\"Hi!\" said Tom.", "Ünïcödé façade ☃ 😀 ok", "a  b")) {
      List<TokenUnits.Unit> units = TokenUnits.of(tok, text);
      String spelled = units.stream().map(TokenUnits.Unit::piece).collect(Collectors.joining());
      assertThat(spelled.strip()).isEqualTo(text.strip());
      int at = 0;
      for (TokenUnits.Unit u : units) {
        assertThat(u.start()).isEqualTo(at);
        assertThat(text.substring(u.start(), u.end()))
            .isEqualTo(u.dummyPrefix() ? u.piece().substring(1) : u.piece());
        at = u.end();
      }
      assertThat(at).isEqualTo(text.length());
    }
  }

  @Test
  void unitsAreTheTokensOfTok512() {
    // tok512 has no piece for " girl": it is cut into " g", "ir", "l".
    assertThat(pieces(TEXT))
        .containsExactly(
            " Once", " upon", " a", " time", ",", " there", " was", " a", " little", " g", "ir",
            "l", " named", " Lily", ".");
  }

  @Test
  void maskAtFullStrengthWritesTheUnknownPieceOverEveryToken() {
    TokenNoiseOperator mask = TokenNoiseOperator.of("token-mask", Tok512.get(), 3);
    List<TokenUnits.Unit> units = TokenUnits.of(Tok512.get(), TEXT);
    NoisyText out = mask.apply(TEXT, 1.0, new SplittableRandom(1));
    assertThat(out.ops()).hasSize(units.size());
    StringBuilder expected = new StringBuilder();
    for (TokenUnits.Unit u : units) {
      expected.append(u.startsWord() && !u.dummyPrefix() ? " <unk>" : "<unk>");
    }
    assertThat(out.text()).isEqualTo(expected.toString());
  }

  @Test
  void replaceKeepsWordBoundaries() {
    TokenNoiseOperator replace = TokenNoiseOperator.of("token-replace", Tok512.get(), 3);
    long spaces = TEXT.chars().filter(c -> c == ' ').count();
    for (long seed = 0; seed < 100; seed++) {
      NoisyText out = replace.apply(TEXT, 1.0, new SplittableRandom(seed));
      assertThat(out.text().chars().filter(c -> c == ' ').count()).isEqualTo(spaces);
      assertThat(out.ops()).hasSize(TokenUnits.of(Tok512.get(), TEXT).size());
    }
  }

  @Test
  void shuffleOnlyMovesTokens() {
    TokenNoiseOperator shuffle = TokenNoiseOperator.of("token-shuffle", Tok512.get(), 3);
    int moved = 0;
    for (long seed = 0; seed < 100; seed++) {
      NoisyText out = shuffle.apply(TEXT, 1.0, new SplittableRandom(seed));
      // The same characters, spaces aside (the dummy space may move into the text).
      assertThat(sorted(out.text().replace(" ", ""))).isEqualTo(sorted(TEXT.replace(" ", "")));
      moved += out.ops().isEmpty() ? 0 : 1;
    }
    // A draw can leave every token in place (or swap two equal pieces): rare, not impossible.
    assertThat(moved).isGreaterThan(95);
  }

  @Test
  void theShareOfMaskedTokensIsTheStrength() {
    TokenNoiseOperator mask = TokenNoiseOperator.of("token-mask", Tok512.get(), 3);
    int units = TokenUnits.of(Tok512.get(), TEXT).size();
    int masked = 0;
    int trials = 1000;
    for (int seed = 0; seed < trials; seed++) {
      masked += mask.apply(TEXT, 0.3, new SplittableRandom(seed)).ops().size();
    }
    assertThat(masked / (double) (trials * units)).isCloseTo(0.3, within(0.015));
  }

  @Test
  void tokenKindsNeedTheJobsModel() {
    OperatorCatalog catalog = new OperatorCatalog(() -> null, () -> w -> List.of());
    assertThatThrownBy(() -> catalog.create("token-mask"))
        .hasMessageContaining("token-level and needs the job's model");
    assertThatThrownBy(() -> catalog.create("token-mask", "stories260K"))
        .hasMessageContaining("no models directory");
  }

  private static List<String> pieces(String text) {
    return TokenUnits.of(Tok512.get(), text).stream().map(TokenUnits.Unit::piece).toList();
  }

  private static String sorted(String s) {
    return s.chars().sorted().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
  }
}
