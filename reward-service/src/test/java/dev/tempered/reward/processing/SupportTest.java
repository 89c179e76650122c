package dev.tempered.reward.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportTest {

  @Test
  void seenIdsForgetTheLeastRecentlyUsedBeyondCapacity() {
    SeenMessageIds seen = new SeenMessageIds(2);
    seen.mark("a");
    seen.mark("b");
    assertThat(seen.contains("a")).isTrue(); // touches "a", so "b" is now the eldest
    seen.mark("c");

    assertThat(seen.contains("a")).isTrue();
    assertThat(seen.contains("b")).isFalse();
    assertThat(seen.contains("c")).isTrue();
    assertThat(seen.size()).isEqualTo(2);
  }

  @Test
  void statisticsReportMeansOfEachWindow() {
    ComponentStatistics stats = new ComponentStatistics(2);

    assertThat(stats.record("j", List.of(Map.of("chrf", 0.2), Map.of("chrf", 0.4)))).isEmpty();
    var summary = stats.record("j", List.of(Map.of("chrf", 0.9, "sentence-end", 1.0)));
    assertThat(stats.record("other", List.of(Map.of("chrf", 0.0)))).isEmpty();

    // chrf over three candidates: (0.2 + 0.4 + 0.9) / 3 = 0.5; sentence-end over one: 1.0
    assertThat(summary)
        .hasValueSatisfying(
            s -> {
              assertThat(s.groups()).isEqualTo(2);
              assertThat(s.means().get("chrf"))
                  .isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
              assertThat(s.means()).containsEntry("sentence-end", 1.0);
            });
    // The window resets: the next report covers only what came after.
    stats.record("j", List.of(Map.of("chrf", 0.1)));
    assertThat(stats.record("j", List.of(Map.of("chrf", 0.3))))
        .hasValueSatisfying(
            s ->
                assertThat(s.means().get("chrf"))
                    .isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12)));
  }

  @Test
  void tiedPairsAreCountedPerJobAcrossWindows() {
    ComponentStatistics stats = new ComponentStatistics(2);

    stats.record("j", List.of(Map.of("chrf", 0.5)), 1);
    assertThat(stats.record("j", List.of(Map.of("chrf", 0.5)), 0))
        .hasValueSatisfying(s -> assertThat(s.tiedPairs()).isEqualTo(1));
    stats.record("j", List.of(Map.of("chrf", 0.5)), 1);
    assertThat(stats.record("j", List.of(Map.of("chrf", 0.5)), 1))
        .hasValueSatisfying(s -> assertThat(s.tiedPairs()).isEqualTo(3));
    assertThat(stats.record("other", List.of(Map.of("chrf", 0.5)), 0)).isEmpty();
  }
}
