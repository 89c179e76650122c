package dev.tempered.gateway.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairChoiceTest {

  @Test
  void theOfferedFractionAndTheOrderAreFunctionsOfThePairId() {
    int n = 4000;
    long offered =
        IntStream.range(0, n).filter(i -> PairChoice.offered("group-" + i, 0.25)).count();
    long second = IntStream.range(0, n).filter(i -> PairChoice.targetSecond("group-" + i)).count();
    // Binomial(4000, p): 0.25 ± 3 sd (0.0068) and 0.5 ± 3 sd (0.0079).
    assertThat(offered / (double) n).isBetween(0.23, 0.27);
    assertThat(second / (double) n).isBetween(0.476, 0.524);
    assertThat(PairChoice.offered("group-7", 0.25)).isEqualTo(PairChoice.offered("group-7", 0.25));
    assertThat(IntStream.range(0, 100).allMatch(i -> PairChoice.offered("g" + i, 1.0))).isTrue();
  }

  @Test
  void offersAreIndependentOfTheOrder() {
    int n = 4000;
    long both =
        IntStream.range(0, n)
            .filter(i -> PairChoice.offered("group-" + i, 0.5))
            .filter(i -> PairChoice.targetSecond("group-" + i))
            .count();
    // Independent halves: 1000 expected, sd about 27.
    assertThat(both).isBetween(920L, 1080L);
  }
}
