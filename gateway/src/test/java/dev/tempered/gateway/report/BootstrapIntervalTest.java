package dev.tempered.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

  @Test
  void constantDifferencesCollapseTheIntervalToTheirValue() {
    double[] values = new double[25];
    Arrays.fill(values, 0.25);

    ConfidenceInterval ci = BootstrapInterval.ofMean(values, 0.95, 10_000, 1);

    assertThat(ci.lower()).isCloseTo(0.25, within(1e-12));
    assertThat(ci.upper()).isCloseTo(0.25, within(1e-12));
    assertThat(ci.resamples()).isEqualTo(10_000);
    assertThat(ci.level()).isEqualTo(0.95);
  }

  @Test
  void intervalContainsTheMeanAndRoughlyMatchesTheNormalApproximation() {
    // mean 0.2; plug-in variance 0.6 / 10 = 0.06, so se = sqrt(0.06 / 10) = 0.07746
    // and the normal interval is 0.2 -+ 1.96 * 0.07746 = [0.0482, 0.3518].
    double[] values = {0.1, 0.4, -0.2, 0.3, 0.0, 0.5, 0.2, -0.1, 0.6, 0.2};

    ConfidenceInterval ci = BootstrapInterval.ofMean(values, 0.95, 10_000, 42);

    assertThat(ci.lower()).isLessThan(0.2);
    assertThat(ci.upper()).isGreaterThan(0.2);
    assertThat(ci.lower()).isCloseTo(0.0482, within(0.02));
    assertThat(ci.upper()).isCloseTo(0.3518, within(0.02));
  }

  @Test
  void sameSeedGivesTheSameIntervalAndAnotherSeedNearlyTheSame() {
    double[] values = {0.1, 0.4, -0.2, 0.3, 0.0, 0.5, 0.2, -0.1, 0.6, 0.2};

    ConfidenceInterval first = BootstrapInterval.ofMean(values, 0.95, 10_000, 7);
    ConfidenceInterval again = BootstrapInterval.ofMean(values, 0.95, 10_000, 7);
    ConfidenceInterval other = BootstrapInterval.ofMean(values, 0.95, 10_000, 8);

    assertThat(again).isEqualTo(first);
    assertThat(other.lower()).isCloseTo(first.lower(), within(0.01));
    assertThat(other.upper()).isCloseTo(first.upper(), within(0.01));
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4};

    assertThat(BootstrapInterval.quantile(sorted, 0.5)).isEqualTo(2.5);
    assertThat(BootstrapInterval.quantile(sorted, 0.25)).isEqualTo(1.75);
    assertThat(BootstrapInterval.quantile(sorted, 0.0)).isEqualTo(1.0);
    assertThat(BootstrapInterval.quantile(sorted, 1.0)).isEqualTo(4.0);
  }

  @Test
  void rejectsAnEmptySampleAndABadLevel() {
    assertThatThrownBy(() -> BootstrapInterval.ofMean(new double[0], 0.95, 100, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one value");
    assertThatThrownBy(() -> BootstrapInterval.ofMean(new double[] {1}, 1.5, 100, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("level");
  }
}
