package dev.tempered.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.FieldError;
import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobEventType;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferenceEvaluation;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.gateway.TestJobs;
import dev.tempered.gateway.config.GatewayProperties;
import dev.tempered.gateway.report.ReportStore;
import dev.tempered.gateway.report.RobustnessGauges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class JobLifecycleTest {

  private final List<JobRecord> written = new CopyOnWriteArrayList<>();
  private final JobWriter writer =
      record -> {
        written.add(record);
        return CompletableFuture.completedFuture(null);
      };
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final JobStore store = new JobStore();
  private final ReportStore reports = new ReportStore();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<JobEvent> events = new CopyOnWriteArrayList<>();
  private final EventLog eventLog = new EventLog();
  private final GatewayProperties properties = TestProperties.gateway();
  private final JobJournal journal =
      new JobJournal(
          store,
          eventLog,
          writer,
          event -> {
            events.add(event);
            return CompletableFuture.completedFuture(null);
          },
          clock,
          properties);
  private final JobLifecycle lifecycle =
      new JobLifecycle(
          store, reports, new RobustnessGauges(meters, reports), journal, clock, properties);
  private final JobCommands commands =
      new JobCommands(store, eventLog, journal, lifecycle, clock, properties);

  @Test
  void submitWritesQueuedValidatingThenRunningEachWithAnEvent() {
    JobView job = commands.submit(TestJobs.demo(2), null).job();

    assertThat(job.id()).matches("job-[a-z2-7]{12}");
    assertThat(job.state()).isEqualTo(JobState.RUNNING);
    assertThat(job.totalSteps()).isEqualTo(40);
    assertThat(job.name()).isEqualTo("demo");
    assertThat(written)
        .extracting(JobRecord::state)
        .containsExactly(JobState.QUEUED, JobState.VALIDATING, JobState.RUNNING);
    assertThat(written).extracting(JobRecord::jobId).containsOnly(job.id());
    assertThat(events).extracting(JobEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(events)
        .extracting(JobEvent::from)
        .containsExactly(null, JobState.QUEUED, JobState.VALIDATING);
    assertThat(events)
        .extracting(JobEvent::to)
        .containsExactly(JobState.QUEUED, JobState.VALIDATING, JobState.RUNNING);
    assertThat(events).extracting(JobEvent::at).containsOnly(clock.instant());
  }

  @Test
  void anInvalidSpecIsRejectedWithItsFieldsAndNothingIsWritten() {
    JobSpec demo = TestJobs.demo(2);
    JobSpec bad =
        new JobSpec(
            demo.name(),
            demo.model(),
            "a2c",
            demo.seed(),
            demo.dataset(),
            demo.noise(),
            demo.sampling(),
            demo.reward(),
            new TrainingSpec(0, 8, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 10, 2));

    assertThatThrownBy(() -> commands.submit(bad, null))
        .isInstanceOfSatisfying(
            InvalidJobSpecException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("algorithm", "training.steps"));
    assertThat(written).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void progressIsWrittenAtMostOncePerInterval() {
    String id = submit();
    written.clear();

    lifecycle.onRollout(rollout(id, 1, 0.10, 2.0));
    clock.advance(Duration.ofSeconds(1));
    lifecycle.onRollout(rollout(id, 2, 0.20, 1.5));

    assertThat(written).extracting(JobRecord::step).containsExactly(1L);
    JobView view = JobViews.of(store.find(id).orElseThrow());
    assertThat(view.step()).isEqualTo(2);
    assertThat(view.latestReward()).isEqualTo(0.20);
    assertThat(view.latestLoss()).isEqualTo(1.5);
    assertThat(view.policyVersion()).isEqualTo(2);
    assertThat(view.metrics().kl()).isEqualTo(0.01);

    clock.advance(Duration.ofSeconds(5));
    lifecycle.onRollout(rollout(id, 3, 0.30, 1.0));

    assertThat(written).extracting(JobRecord::step).containsExactly(1L, 3L);
    assertThat(written.get(1).latestReward()).isEqualTo(0.30);
    assertThat(written.get(1).latestLoss()).isEqualTo(1.0);
    // Every step is an event, though the record is written less often.
    assertThat(events.subList(3, events.size()))
        .extracting(JobEvent::type, JobEvent::step, JobEvent::sequence)
        .containsExactly(
            tuple(JobEventType.PROGRESS, 1L, 4L),
            tuple(JobEventType.PROGRESS, 2L, 5L),
            tuple(JobEventType.PROGRESS, 3L, 6L));
    assertThat(events.get(4).metrics().rewardMean()).isEqualTo(0.20);
  }

  @Test
  void aStaleOrDuplicateRolloutChangesNothing() {
    String id = submit();
    lifecycle.onRollout(rollout(id, 5, 0.5, 1.0));
    written.clear();
    events.clear();
    clock.advance(Duration.ofMinutes(1));

    lifecycle.onRollout(rollout(id, 4, 0.4, 2.0));
    lifecycle.onRollout(rollout(id, 5, 0.5, 1.0));

    assertThat(written).isEmpty();
    assertThat(events).isEmpty();
    assertThat(JobViews.of(store.find(id).orElseThrow()).step()).isEqualTo(5);
  }

  @Test
  void everyCheckpointIsWrittenAtOnce() {
    String id = submit();
    written.clear();

    lifecycle.onCheckpoint(checkpoint(id, 1, 10, false));

    assertThat(written).hasSize(1);
    assertThat(written.get(0).latestCheckpointVersion()).isEqualTo(1);
    assertThat(written.get(0).latestCheckpointUri()).isEqualTo("file:/tmp/ckpt/v1.bin");
    assertThat(written.get(0).state()).isEqualTo(JobState.RUNNING);
    CheckpointView checkpoint = JobViews.of(store.find(id).orElseThrow()).checkpoint();
    assertThat(checkpoint).isEqualTo(new CheckpointView(1, "file:/tmp/ckpt/v1.bin", "abc1", 10L));

    // A replayed checkpoint writes the record again but adds no second event.
    lifecycle.onCheckpoint(checkpoint(id, 1, 10, false));
    List<JobEvent> checkpoints = eventLog.checkpoints(id);
    assertThat(checkpoints).hasSize(1);
    assertThat(checkpoints.get(0).sequence()).isEqualTo(4);
    assertThat(checkpoints.get(0).checkpoint().sha256()).isEqualTo("abc1");
  }

  @Test
  void succeedsOnceTheLastCheckpointsEvaluationIsComplete() {
    String id = submit();
    lifecycle.onCheckpoint(checkpoint(id, 4, 40, true));
    lifecycle.onEvaluation(evaluation(id, "p1", 4));
    lifecycle.onEvaluation(evaluation(id, "p1", 4)); // the same prompt again does not count twice
    lifecycle.onEvaluation(evaluation(id, "p1", 3)); // nor does an older version

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.RUNNING);

    lifecycle.onEvaluation(evaluation(id, "p2", 4));

    JobRecord last = written.get(written.size() - 1);
    assertThat(last.state()).isEqualTo(JobState.SUCCEEDED);
    JobEvent ended = events.get(events.size() - 1);
    assertThat(ended.from()).isEqualTo(JobState.RUNNING);
    assertThat(ended.to()).isEqualTo(JobState.SUCCEEDED);
    assertThat(ended.message()).isEqualTo("checkpoint v4 evaluated on 2 held-out prompts");
    assertThat(last.latestCheckpointVersion()).isEqualTo(4);
    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.SUCCEEDED);

    int before = written.size();
    lifecycle.onEvaluation(evaluation(id, "p3", 4));
    assertThat(written).hasSize(before);
    // Version 4 holds p1, p2 and p3 at noisy 0.6 each.
    assertThat(
            meters
                .get("tempered.robustness.score")
                .tag("job", id)
                .tag("group", "misspelling")
                .tag("variant", "noisy")
                .gauge()
                .value())
        .isCloseTo(0.6, within(1e-12));
  }

  /** No service evaluates an offline job: its last checkpoint, scored by the trainer, ends it. */
  @Test
  void anOfflineJobSucceedsOnItsLastCheckpointWithTheHeldOutResult() {
    JobSpec offline =
        new JobSpec(
            "dpo",
            "stories260K",
            JobSpec.DPO,
            7,
            new DatasetSpec(
                "preferences/orca_dpo_validation.jsonl",
                0,
                16,
                DatasetSpec.PREFERENCES,
                null,
                null),
            null,
            null,
            null,
            new TrainingSpec(8, 4, 0.001, 0.0, 0.0, 0.2, 0.2, 1.0, 4, 2));
    String id = commands.submit(offline, null).job().id();
    PreferenceEvaluation first = new PreferenceEvaluation(16, 0.9375, 5.6355, 0.0, 0.0);
    lifecycle.onCheckpoint(offlineCheckpoint(id, 1, 4, false, first));
    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.RUNNING);

    PreferenceEvaluation last = new PreferenceEvaluation(16, 0.875, 6.3321, 0.0, 0.0);
    lifecycle.onCheckpoint(offlineCheckpoint(id, 2, 8, true, last));

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.SUCCEEDED);
    JobEvent ended = events.get(events.size() - 1);
    assertThat(ended.to()).isEqualTo(JobState.SUCCEEDED);
    assertThat(ended.message())
        .isEqualTo(
            "checkpoint v2: held-out preference accuracy 0.8750 (step 0: 0.0000), margin 6.3321"
                + " (step 0: 0.0000) over 16 pairs");
    assertThat(eventLog.checkpoints(id).get(1).checkpoint().heldOut()).isEqualTo(last);
  }

  private static CheckpointEvent offlineCheckpoint(
      String jobId, long version, long step, boolean last, PreferenceEvaluation heldOut) {
    return new CheckpointEvent(
        Envelope.create(),
        jobId,
        version,
        step,
        "file:/tmp/ckpt/v" + version + ".bin",
        "abc" + version,
        1024,
        5.0,
        0.1,
        last,
        heldOut);
  }

  @Test
  void ownRecordsReadBackAndOlderRecordsDoNotUndoNewerState() {
    String id = submit();
    JobRecord queued = written.get(0);

    lifecycle.onJobRecord(queued);
    JobRecord olderFromElsewhere =
        new JobRecord(
            Envelope.create(),
            id,
            queued.spec(),
            JobState.QUEUED,
            0,
            null,
            null,
            null,
            null,
            null,
            queued.submittedAt(),
            queued.updatedAt().minusSeconds(1));
    lifecycle.onJobRecord(olderFromElsewhere);

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aRestartRebuildsJobsFromTheTopicInAnyOrder() {
    JobRecord running =
        new JobRecord(
            Envelope.create(),
            "job-old",
            TestJobs.demo(1),
            JobState.RUNNING,
            30,
            0.3,
            1.0,
            3L,
            "file:/tmp/ckpt/v3.bin",
            null,
            Instant.parse("2024-12-31T00:00:00Z"),
            Instant.parse("2024-12-31T01:00:00Z"));

    // Events may be replayed before the job record that they belong to.
    lifecycle.onCheckpoint(checkpoint("job-old", 4, 40, true));
    lifecycle.onEvaluation(evaluation("job-old", "p1", 4));
    assertThat(written).isEmpty();

    lifecycle.onJobRecord(running);

    assertThat(written).extracting(JobRecord::state).containsExactly(JobState.SUCCEEDED);
    assertThat(written.get(0).latestCheckpointVersion()).isEqualTo(4);
    JobView view = JobViews.of(store.find("job-old").orElseThrow());
    assertThat(view.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(view.step()).isEqualTo(30);
    assertThat(view.checkpoint().sha256()).isEqualTo("abc4");
  }

  @Test
  void aFailureRolloutFailsTheJobWithTheTrainersReason() {
    String id = submit();
    lifecycle.onRollout(rollout(id, 1, 0.10, 2.0));
    written.clear();
    events.clear();

    lifecycle.onRollout(Rollout.failed(id, 1, 1, 8, "3 non-finite steps in a row"));

    assertThat(written).extracting(JobRecord::state).containsExactly(JobState.FAILED);
    assertThat(written.get(0).error()).isEqualTo("trainer: 3 non-finite steps in a row");
    assertThat(events)
        .extracting(JobEvent::type, JobEvent::from, JobEvent::to, JobEvent::message)
        .containsExactly(
            tuple(
                JobEventType.STATE,
                JobState.RUNNING,
                JobState.FAILED,
                "trainer: 3 non-finite steps in a row"));
    JobView view = JobViews.of(store.find(id).orElseThrow());
    assertThat(view.error()).isEqualTo("trainer: 3 non-finite steps in a row");
    assertThat(view.step()).as("the failure is no step").isEqualTo(1);
    assertThat(view.latestReward()).isEqualTo(0.10);
  }

  @Test
  void aFailureOfACancellingOrEndedJobChangesNothing() {
    String cancelling = submit();
    commands.cancel(cancelling);
    String failed = submit();
    lifecycle.onRollout(Rollout.failed(failed, 0, 0, 0, "cannot load model 'x'"));
    written.clear();
    events.clear();

    lifecycle.onRollout(Rollout.failed(cancelling, 0, 0, 0, "cannot load model 'x'"));
    // a replayed failure after a restart
    lifecycle.onRollout(Rollout.failed(failed, 0, 0, 0, "cannot load model 'x'"));

    assertThat(written).isEmpty();
    assertThat(events).isEmpty();
    assertThat(store.find(cancelling).orElseThrow().record().state())
        .isEqualTo(JobState.CANCELLING);
    assertThat(store.find(failed).orElseThrow().record().error())
        .isEqualTo("trainer: cannot load model 'x'");
  }

  @Test
  void aJobWithEvaluationStrengthsSucceedsOnlyOnceEveryStrengthIsScored() {
    JobSpec demo = TestJobs.demo(2);
    // 0.4 is the curriculum's end strength, so only 0.1 adds a copy of each held-out prompt.
    JobSpec spec =
        new JobSpec(
            demo.name(),
            demo.model(),
            demo.algorithm(),
            demo.seed(),
            demo.dataset(),
            new NoiseSpec(
                demo.noise().operators(), demo.noise().curriculum(), null, List.of(0.1, 0.4)),
            demo.sampling(),
            demo.reward(),
            demo.training());
    String id = commands.submit(spec, null).job().id();
    lifecycle.onCheckpoint(checkpoint(id, 4, 40, true));
    lifecycle.onEvaluation(evaluation(id, "p1", 4));
    lifecycle.onEvaluation(evaluation(id, "p2", 4));
    lifecycle.onEvaluation(sweepEvaluation(id, "p1-at-0.1", 4));

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.RUNNING);
    // The copies count apart from the held-out prompts and do not move the dashboard's gauge.
    assertThat(reports.scoredCount(id, 4)).isEqualTo(2);
    assertThat(reports.sweepCount(id, 4)).isEqualTo(1);
    assertThat(
            meters
                .get("tempered.robustness.score")
                .tag("job", id)
                .tag("group", "misspelling")
                .tag("variant", "noisy")
                .gauge()
                .value())
        .isCloseTo(0.6, within(1e-12));

    lifecycle.onEvaluation(sweepEvaluation(id, "p2-at-0.1", 4));

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.SUCCEEDED);
  }

  private static EvaluationResult sweepEvaluation(String jobId, String promptId, long version) {
    return new EvaluationResult(
        Envelope.create(),
        jobId,
        promptId,
        "misspelling",
        version,
        0.8,
        0.1,
        "a",
        "b",
        null,
        List.of("misspelling"),
        0.1,
        true);
  }

  private String submit() {
    return commands.submit(TestJobs.demo(2), null).job().id();
  }

  static Rollout rollout(String jobId, long step, double reward, double loss) {
    TrainingMetrics metrics =
        new TrainingMetrics(
            loss, loss * 0.9, 0.01, 2.5, 0.1, 0.8, reward, 0.05, 0.0, 0.5, 0, 1234.0);
    return new Rollout(Envelope.create(), jobId, step, step, step * 8, metrics, List.of());
  }

  static CheckpointEvent checkpoint(String jobId, long version, long step, boolean last) {
    return new CheckpointEvent(
        Envelope.create(),
        jobId,
        version,
        step,
        "file:/tmp/ckpt/v" + version + ".bin",
        "abc" + version,
        1024,
        0.4,
        1.2,
        last);
  }

  static EvaluationResult evaluation(String jobId, String promptId, long version) {
    return new EvaluationResult(
        Envelope.create(), jobId, promptId, "misspelling", version, 0.8, 0.6, "a", "b");
  }
}
