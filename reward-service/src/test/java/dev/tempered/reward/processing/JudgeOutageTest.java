package dev.tempered.reward.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.reward.jobs.JobRegistry;
import dev.tempered.reward.judge.JudgePrompt;
import dev.tempered.reward.judge.LlmJudge;
import dev.tempered.reward.judge.LlmJudgeProperties;
import dev.tempered.reward.processing.CandidateGroupService.Outcome;
import dev.tempered.reward.scoring.RewardComponents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job weighting {@code llm-judge} while the judge is down: groups are still scored. */
class JudgeOutageTest {

  @Test
  void groupsAreScoredWithoutTheJudgeAndTheFailuresAreReported() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    LlmJudge judge =
        new LlmJudge(
            new LlmJudgeProperties(
                URI.create("http://127.0.0.1:" + closedPort + "/v1/chat/completions"),
                "stories260K",
                null,
                JudgePrompt.DEFAULT_TEMPLATE,
                Duration.ofSeconds(2),
                2,
                Duration.ofMillis(10),
                2.0,
                0,
                8,
                null,
                100),
            meters);
    JobRegistry jobs = new JobRegistry();
    jobs.update("job-j", job("job-j", Map.of("chrf", 1.0, "llm-judge", 0.5)));
    List<Object> published = new ArrayList<>();
    CandidateGroupService service =
        new CandidateGroupService(
            jobs,
            RewardComponents.standard().withJudge(judge),
            new SeenMessageIds(100),
            new ComponentStatistics(1),
            new ResultPublisher() {
              @Override
              public void publish(ScoredGroup group) {
                published.add(group);
              }

              @Override
              public void publish(EvaluationResult evaluation) {
                published.add(evaluation);
              }
            });

    Outcome outcome =
        service.handle(TestGroups.train("job-j", "Tom ran home.", "Tom ran home.", "zzz"));

    assertThat(outcome).isEqualTo(Outcome.SCORED);
    ScoredGroup scored = (ScoredGroup) published.get(0);
    // chrF is 1 for the copy of the reference and 0 for "zzz"; the judge adds 0 to both.
    assertThat(scored.candidates()).extracting(c -> c.total()).containsExactly(1.0, 0.0);
    assertThat(scored.candidates())
        .allSatisfy(
            c ->
                assertThat(c.components())
                    .containsEntry("llm-judge", 0.0)
                    .containsEntry("llm-judge.failed", 1.0));
    assertThat(scored.selectedIndex()).isZero();
    assertThat(meters.get(LlmJudge.FAILURES).tag("reason", "unavailable").counter().count())
        .isEqualTo(2);
    assertThat(meters.get(LlmJudge.REQUESTS).counter().count()).isEqualTo(4);
  }

  private static JobRecord job(String id, Map<String, Double> weights) {
    JobSpec spec =
        new JobSpec("n", "stories260K", "grpo", 1, null, null, null, new RewardSpec(weights), null);
    return new JobRecord(
        Envelope.create(),
        id,
        spec,
        JobState.RUNNING,
        0,
        null,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now());
  }
}
