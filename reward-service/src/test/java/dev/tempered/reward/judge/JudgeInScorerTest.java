package dev.tempered.reward.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.reward.judge.CountingServer.Reply;
import dev.tempered.reward.scoring.CandidateScore;
import dev.tempered.reward.scoring.RewardComponents;
import dev.tempered.reward.scoring.RewardScorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S with a weighted judge: its score when it answers, 0 plus a failure entry when it does not. */
class JudgeInScorerTest {

  @Test
  void aScoredAndAFailedCandidateInOneWeightedSum() throws Exception {
    try (CountingServer server = new CountingServer(Reply.completion("8"), Reply.status(400))) {
      LlmJudge judge =
          new LlmJudge(
              JudgeSettings.of(server.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(10)),
              new SimpleMeterRegistry());
      RewardScorer scorer =
          new RewardScorer(
              Map.of("exact-match", 1.0, "llm-judge", 0.5),
              RewardComponents.standard().withJudge(judge));

      CandidateScore judged = scorer.score("Tom ran.", "He won.", "He won.");
      CandidateScore failed = scorer.score("Tom ran.", "He lost.", "He won.");

      // 1.0 * exact match 1 + 0.5 * 8/10.
      assertThat(judged.total()).isEqualTo(1.4);
      assertThat(judged.components())
          .containsExactly(
              Map.entry("exact-match", 1.0),
              Map.entry("llm-judge.failed", 0.0),
              Map.entry("llm-judge", 0.8));
      assertThat(failed.total()).isEqualTo(0.0);
      assertThat(failed.components())
          .containsEntry("llm-judge", 0.0)
          .containsEntry("llm-judge.failed", 1.0);
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void theServiceKnowsExactlyTheComponentsJobSpecsMayName() {
    LlmJudge judge =
        new LlmJudge(
            JudgeSettings.of(
                URI.create("http://127.0.0.1:1/v1/chat/completions"),
                Duration.ofSeconds(1),
                1,
                Duration.ZERO),
            new SimpleMeterRegistry());

    assertThat(RewardComponents.standard().withJudge(judge).names())
        .containsExactlyInAnyOrderElementsOf(JobSpecValidator.REWARD_COMPONENTS);
  }
}
