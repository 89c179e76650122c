package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values from rouge-score's rouge_scorer_test.py (google-research/rouge). */
class RougeLTest {

  /** rouge/testdata/target.txt, lines 1 and 2 (random strings made for the test). */
  private static final String TARGET_0 =
      "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM"
          + " EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L";

  private static final String TARGET_1 =
      "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao"
          + " Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing"
          + " UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I"
          + " DNxqelhu,PHPxDEq,mtion SN";

  /** rouge/testdata/prediction.txt, lines 1 and 2. */
  private static final String PREDICTION_0 =
      "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi";

  private static final String PREDICTION_1 =
      "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J"
          + " XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD";

  @Test
  void matchesRougeScoreHandCheckedCases() {
    // testRougeLConsecutive / testRougeLNonConsecutive: P = 1, R = 2/3, F = 4/5
    assertThat(RougeL.f1("testing one", "testing one two")).isCloseTo(0.8, within(1e-12));
    assertThat(RougeL.f1("testing two", "testing one two")).isCloseTo(0.8, within(1e-12));
    // testRougeEmpty: an empty prediction scores 0
    assertThat(RougeL.f1("", "testing one two")).isEqualTo(0.0);
    assertThat(RougeL.f1("testing", "")).isEqualTo(0.0);
    assertThat(RougeL.f1("/", "w1 w2")).isEqualTo(0.0);
  }

  /** testRougeLAgainstRouge155: the official ROUGE-1.5.5 gives F 0.51163 and 0.50000 (5 places). */
  @Test
  void matchesRouge155() {
    assertThat(RougeL.f1(PREDICTION_0, TARGET_0)).isCloseTo(0.51163, within(5e-6));
    assertThat(RougeL.f1(PREDICTION_1, TARGET_1)).isCloseTo(0.50000, within(5e-6));
  }

  @Test
  void lcsOfRougeScoresTableTest() {
    // testLcsTable: ref [1,2,3,4,5], candidate [2,5,3,4] -> LCS 3; [8,9] -> 0
    assertThat(RougeL.lcsLength(List.of("1", "2", "3", "4", "5"), List.of("2", "5", "3", "4")))
        .isEqualTo(3);
    assertThat(RougeL.lcsLength(List.of("1", "2", "3", "4", "5"), List.of("8", "9"))).isZero();
  }

  @Test
  void tokensAreLowercasedAsciiAlphanumericRuns() {
    assertThat(RougeL.tokenize("The cat's HAT, 2nd-best! Café"))
        .containsExactly("the", "cat", "s", "hat", "2nd", "best", "caf");
    // By hand: prediction "the cat sat" vs target "The cat, the hat sat." (tokens the cat the hat
    // sat): LCS "the cat sat" = 3; P = 3/3, R = 3/5; F = 2 * 0.6 / 1.6 = 0.75
    assertThat(RougeL.f1("the cat sat", "The cat, the hat sat.")).isCloseTo(0.75, within(1e-12));
  }
}
