package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChrFTest {

  private static final double TOLERANCE = 1e-9;

  /** sacreBLEU's own tests allow 1e-4 on its 0..100 scale. */
  private static final double PUBLISHED_TOLERANCE = 1e-6;

  @Test
  void identicalStringsScoreOne() {
    assertThat(
            ChrF.sentence("Once upon a time there was a cat.", "Once upon a time there was a cat."))
        .isEqualTo(1.0);
    // Shorter than the n-gram order: with effective-order averaging still a perfect match.
    assertThat(ChrF.sentence("a", "a")).isEqualTo(1.0);
  }

  @Test
  void disjointStringsScoreZero() {
    assertThat(ChrF.sentence("abcdefg", "hijklmnop")).isEqualTo(0.0);
    assertThat(ChrF.sentence("", "reference")).isEqualTo(0.0);
    assertThat(ChrF.sentence("", "")).isEqualTo(0.0);
  }

  @Test
  void whitespaceIsRemovedBeforeExtractingNgrams() {
    assertThat(ChrF.sentence("a b c", "abc")).isEqualTo(1.0);
    // A no-break space counts as whitespace, as in Python's str.split().
    assertThat(ChrF.sentence("the\u00a0cat", "thecat")).isEqualTo(1.0);
  }

  @Test
  void repeatedCharacterAgainstTwoDistinctOnes() {
    // hyp "aa", ref "ab", beta 2, effective orders only:
    //   n=1: hyp {a:2}, ref {a:1, b:1}, matches min(2,1)=1 -> P = 1/2, R = 1/2
    //   n=2: hyp {aa}, ref {ab}, matches 0               -> P = 0,   R = 0
    //   n>=3: the hypothesis has no n-grams -> not an effective order
    //   avg P = avg R = (1/2 + 0) / 2 = 1/4; F2 = 5 * (1/4)(1/4) / (4/4 + 1/4) = 0.25
    assertThat(ChrF.sentence("aa", "ab")).isCloseTo(0.25, within(TOLERANCE));
  }

  @Test
  void recallWeighsMoreThanPrecision() {
    // hyp "ab", ref "abc":
    //   n=1: hyp 2 grams, ref 3, matches 2 -> P = 1, R = 2/3
    //   n=2: hyp {ab}, ref {ab, bc}, matches 1 -> P = 1, R = 1/2
    //   n=3: hyp has none -> not effective
    //   avg P = 1, avg R = (2/3 + 1/2) / 2 = 7/12
    //   F2 = 5 * 1 * 7/12 / (4 * 1 + 7/12) = (35/12) / (55/12) = 7/11
    assertThat(ChrF.sentence("ab", "abc")).isCloseTo(7.0 / 11.0, within(TOLERANCE));
    // Swapping the roles swaps P and R: F2 = 5 * 7/12 / (4 * 7/12 + 1) = (35/12) / (40/12) = 7/8
    assertThat(ChrF.sentence("abc", "ab")).isCloseTo(7.0 / 8.0, within(TOLERANCE));
  }

  @Test
  void allSixOrdersAfterWhitespaceRemoval() {
    // "the cat" vs "the hat" -> "thecat" vs "thehat", six code points each, so P = R per order:
    //   n=1: {t:2,h,e,c,a} vs {t:2,h:2,e,a}: matches t2 h1 e1 a1 = 5 of 6
    //   n=2: th he ec ca at vs th he eh ha at: matches th he at = 3 of 5
    //   n=3: the hec eca cat vs the heh eha hat: matches the = 1 of 4
    //   n=4..6: no matches (0/3, 0/2, 0/1), still effective orders
    //   avg = (5/6 + 3/5 + 1/4 + 0 + 0 + 0) / 6 = (101/60) / 6 = 101/360; F2 of P = R is P
    assertThat(ChrF.sentence("the cat", "the hat")).isCloseTo(101.0 / 360.0, within(TOLERANCE));
  }

  /**
   * The value Hugging Face's chrF metric card (which calls sacreBLEU's CHRF with its defaults)
   * publishes: 61.576379378113785. Eps smoothing would give 61.57636760..., so the tight tolerance
   * also pins the default averaging mode.
   */
  @Test
  void matchesPublishedSacreBleuDefaultScore() {
    assertThat(
            ChrF.sentence(
                "The relationship between Obama and Netanyahu is not exactly friendly.",
                "The ties between Obama and Netanyahu are not particularly friendly."))
        .isCloseTo(0.61576379378113785, within(1e-12));
  }

  /** sacreBLEU's test_chrf.py, effective-order mode (eps_smoothing=False), beta 3. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a|a|100.0",
        "|reference|0.0",
        "a b c|a b c|100.0",
        "a b c|abc|100.0",
        "|c|0.0",
        "aa|ab|25.0"
      })
  void matchesSacreBleuEffectiveOrderValues(String hyp, String ref, double expected) {
    ChrF chrF = new ChrF(6, 3, false);
    assertThat(chrF.score(hyp == null ? "" : hyp, ref))
        .isCloseTo(expected / 100, within(PUBLISHED_TOLERANCE));
  }

  /** sacreBLEU's test_chrf.py, eps_smoothing=True, beta 3 (one-sentence corpora). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abcdefg|hijklmnop|0.0",
        "aa|ab|8.3333",
        "a|a|16.6667",
        "a b c|abc|50.0",
        "' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'"
            + "|risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .|63.361730",
        "' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '"
            + "|Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.|64.1302698"
      })
  void matchesSacreBleuEpsSmoothingValues(String hyp, String ref, double expected) {
    // sacreBLEU rounds its expectations to 4 decimals on the 0..100 scale.
    assertThat(new ChrF(6, 3, true).score(hyp, ref)).isCloseTo(expected / 100, within(1e-6));
  }

  /**
   * sacreBLEU's test_chrf.py sentence-level cases: sentence_chrf(..., eps_smoothing=True), beta 2.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.'"
            + "|'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.'|39.14078509",
        "'Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.'"
            + "|'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.'|31.22557079",
        "'Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.'"
            + "|'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.'|57.15704367"
      })
  void matchesSacreBleuSentenceLevelValues(String hyp, String ref, double expected) {
    assertThat(new ChrF(6, 2, true).score(hyp, ref))
        .isCloseTo(expected / 100, within(PUBLISHED_TOLERANCE));
  }

  /**
   * Hugging Face's chrF metric card (evaluate-metric/chrf, Examples 1-3), which calls sacreBLEU's
   * {@code CHRF(...).corpus_score}: chrF 84.64214891738334, chrF++ ({@code word_order=2})
   * 82.87263732906315 and chrF++ with {@code lowercase=True} 92.12853119829202.
   */
  @Test
  void matchesPublishedCorpusChrFAndChrFPlusPlus() {
    List<String> predictions =
        List.of(
            "The relationship between cats and dogs is not exactly friendly.",
            "a good bookshop is just a genteel black hole that knows how to read.");
    List<String> references =
        List.of(
            "The relationship between dogs and cats is not exactly friendly.",
            "A good bookshop is just a genteel Black Hole that knows how to read.");
    assertThat(ChrF.sacreBleuDefaults().corpusScore(predictions, references))
        .isCloseTo(0.8464214891738334, within(1e-12));
    assertThat(ChrF.plusPlus(false).corpusScore(predictions, references))
        .isCloseTo(0.8287263732906315, within(1e-12));
    // lowercase=True lowercases both sides before anything else; these texts are ASCII.
    assertThat(
            ChrF.plusPlus(false)
                .corpusScore(
                    predictions.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(),
                    references.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()))
        .isCloseTo(0.9212853119829202, within(1e-12));
  }

  @Test
  void chrFPlusPlusAddsWordUnigramsAndBigramsToTheAverage() {
    // "the cat" vs "the hat", char orders as in allSixOrdersAfterWhitespaceRemoval:
    //   P = R = 5/6, 3/5, 1/4, 0, 0, 0 (n = 1..6, all effective)
    // word unigrams {the, cat} vs {the, hat}: 1 match of 2 -> P = R = 1/2
    // word bigrams {"the cat"} vs {"the hat"}: 0 of 1   -> P = R = 0
    // average over the 8 effective orders = (50 + 36 + 15 + 0 + 0 + 0 + 30 + 0) / 60 / 8 = 131/480;
    // F2 of P = R is P.
    assertThat(ChrF.plusPlus(false).score("the cat", "the hat"))
        .isCloseTo(131.0 / 480.0, within(TOLERANCE));
    assertThat(ChrF.plusPlus(false).score("Once upon a time.", "Once upon a time.")).isEqualTo(1.0);
  }

  @Test
  void wordsSplitOnePunctuationMarkOffAsSacreBleuDoes() {
    // sacreBLEU's _remove_punctuation: end first, else start; one-character words stay whole.
    assertThat(ChrF.words("Hello, world! (hi) \"quoted\" a . x"))
        .containsExactly("Hello", ",", "world", "!", "(hi", ")", "\"quoted", "\"", "a", ".", "x");
  }

  @Test
  void rejectsMissingInputAndBadSettings() {
    assertThatThrownBy(() -> ChrF.sentence(null, "x")).hasMessageContaining("no hypothesis");
    assertThatThrownBy(() -> ChrF.sentence("x", null)).hasMessageContaining("no reference");
    assertThatThrownBy(() -> new ChrF(0, 2, false)).hasMessageContaining("charOrder");
    assertThatThrownBy(() -> new ChrF(6, 0, false)).hasMessageContaining("beta");
    assertThatThrownBy(() -> new ChrF(6, -1, 2, false)).hasMessageContaining("wordOrder");
  }
}
