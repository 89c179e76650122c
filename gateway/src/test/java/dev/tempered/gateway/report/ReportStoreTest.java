package dev.tempered.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import org.junit.jupiter.api.Test;

class ReportStoreTest {

  private final ReportStore store = new ReportStore();

  @Test
  void aPromptScoredTwiceForOneVersionCountsOnceWithItsLatestScore() {
    store.add(result("job-a", "p1", 1, 0.2));
    store.add(result("job-a", "p1", 1, 0.6));
    store.add(result("job-a", "p2", 1, 0.4));
    store.add(result("job-b", "p1", 1, 0.9));

    assertThat(store.scoredCount("job-a", 1)).isEqualTo(2);
    assertThat(store.scoredCount("job-a", 0)).isZero();
    assertThat(store.scoredCount("job-c", 1)).isZero();
    assertThat(store.report("job-a", 2).versions().get(0).meanNoisy()).isEqualTo(0.5);
  }

  private static EvaluationResult result(String job, String prompt, long version, double noisy) {
    return new EvaluationResult(
        Envelope.create(),
        job,
        prompt,
        "misspelling",
        version,
        0.9,
        noisy,
        "clean answer",
        "noisy answer");
  }
}
