package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.reward.scoring.Bleu.Smoothing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values from sacreBLEU's own tests (test/test_sentence_bleu.py, test/test_bleu.py). */
class BleuTest {

  /** sacreBLEU issue #98, used by test_sentence_bleu.py. */
  private static final String REF = "producţia de zahăr brut se exprimă în zahăr alb;";

  private static final String SYS =
      "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

  /** test_sentence_bleu.py asserts within 1e-3 on the 0..100 scale. */
  private static final double SENTENCE_TOLERANCE = 1e-5;

  /** test_bleu.py asserts within 1e-8 on its scale. */
  private static final double CORPUS_TOLERANCE = 1e-10;

  @Test
  void sentenceBleuIsSacreBleuDefaultSentenceBleu() {
    // sentence_bleu defaults: 13a, smooth_method='exp', effective order -> 8.493
    assertThat(Bleu.sentence(SYS, REF)).isCloseTo(0.08493, within(SENTENCE_TOLERANCE));
    assertThat(Bleu.sentence("a b c d", "a b c d")).isEqualTo(1.0);
    // issue #141: no matching n-gram at all is 0 whatever the smoothing
    assertThat(Bleu.sentence("this is a cat", "okay thanks")).isEqualTo(0.0);
    assertThat(Bleu.sentence("", "okay thanks")).isEqualTo(0.0);
  }

  @ParameterizedTest
  @CsvSource({
    "EXP, NaN, 8.493",
    "NONE, NaN, 0.0",
    "FLOOR, NaN, 4.51688",
    "FLOOR, 0.1, 4.51688",
    "FLOOR, 0.5, 10.10",
    "ADD_K, NaN, 14.882",
    "ADD_K, 1, 14.882",
    "ADD_K, 2, 21.389"
  })
  void matchesSacreBleuSentenceSmoothingValues(Smoothing smoothing, double value, double expected) {
    Bleu bleu = new Bleu(Tokenizer13a::tokenize, smoothing, value, true);
    assertThat(bleu.score(SYS, List.of(REF))).isCloseTo(expected / 100, within(1e-5));
  }

  @Test
  void matchesSacreBleuSentenceValueWithoutTokenisation() {
    Bleu bleu = new Bleu(Bleu.noTokenizer(), Smoothing.EXP, Double.NaN, true);
    assertThat(bleu.score(SYS, List.of(REF))).isCloseTo(0.07347, within(SENTENCE_TOLERANCE));
  }

  /** The README example of test_bleu.py: three hypotheses, two reference streams. */
  @Test
  void matchesSacreBleuCorpusValues() {
    List<String> hyps =
        List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
    List<List<String>> refs =
        List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of(
                "The dog had bit the man.",
                "No one was surprised.",
                "The man had bitten the dog."));
    Bleu corpus13a = new Bleu(Tokenizer13a::tokenize, Smoothing.EXP, Double.NaN, false);
    assertThat(corpus13a.corpusScore(hyps, refs)).isCloseTo(0.48530827, within(CORPUS_TOLERANCE));
    Bleu corpusNone = new Bleu(Bleu.noTokenizer(), Smoothing.EXP, Double.NaN, false);
    assertThat(corpusNone.corpusScore(hyps, refs)).isCloseTo(0.491919566, within(CORPUS_TOLERANCE));
    Bleu noSmoothing = new Bleu(Tokenizer13a::tokenize, Smoothing.NONE, Double.NaN, false);
    assertThat(noSmoothing.corpusScore(hyps, refs)).isCloseTo(0.48530827, within(CORPUS_TOLERANCE));
    assertThat(corpus13a.corpusScore(List.of("", "", ""), refs)).isEqualTo(0.0);
  }

  /** test_bleu.py's effective-order cases: raw_corpus_bleu = no tokenisation, floor 0.01. */
  @ParameterizedTest
  @CsvSource({
    "test, a test, 0.3678794411714425",
    "a test, a test, 1.0",
    "a little test, a test, 0.03218297948685433",
    "this is a fest, this is a test, 0.223606797749979"
  })
  void matchesSacreBleuEffectiveOrderValues(String hyp, String ref, double expected) {
    Bleu raw = new Bleu(Bleu.noTokenizer(), Smoothing.FLOOR, 0.01, true);
    assertThat(raw.score(hyp, List.of(ref))).isCloseTo(expected, within(1e-8));
  }

  @Test
  void statisticsMatchSacreBleu() {
    // test_bleu.py test_case_statistics: common [4, 2, 1, 0], total [6, 5, 4, 3]
    Bleu raw = new Bleu(Bleu.noTokenizer(), Smoothing.FLOOR, 0.01, true);
    long[] stats =
        raw.statistics(
            "am I am a character sequence", List.of("I am a symbol string sequence a a"));
    assertThat(stats).containsExactly(6, 8, 4, 2, 1, 0, 6, 5, 4, 3);
  }

  @Test
  void scoringFromStatisticsMatchesSacreBleu() {
    // test_bleu.py test_case_scoring: compute_bleu([9,7,5,3], [10,8,6,4], 11, 11) = 0.8375922397
    Bleu none = new Bleu(Bleu.noTokenizer(), Smoothing.NONE, Double.NaN, false);
    assertThat(none.fromStatistics(new long[] {11, 11, 9, 7, 5, 3, 10, 8, 6, 4}))
        .isCloseTo(0.8375922397, within(1e-8));
  }

  @Test
  void tokenizer13aSplitsPunctuationButNotInsideNumbers() {
    assertThat(Tokenizer13a.tokenize("Hello, world! It costs $1,000.50 (approx.) in 1990-2000."))
        .containsExactly(
            "Hello",
            ",",
            "world",
            "!",
            "It",
            "costs",
            "$",
            "1,000.50",
            "(",
            "approx",
            ".",
            ")",
            "in",
            "1990",
            "-",
            "2000",
            ".");
    assertThat(Tokenizer13a.tokenize("don't &quot;quote&quot; &amp; co"))
        .containsExactly("don't", "\"", "quote", "\"", "&", "co");
  }
}
