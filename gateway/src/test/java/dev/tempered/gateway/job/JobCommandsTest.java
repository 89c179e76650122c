package dev.tempered.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.gateway.TestJobs;
import dev.tempered.gateway.report.ReportStore;
import dev.tempered.gateway.report.RobustnessGauges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class JobCommandsTest {

  private final List<JobRecord> written = new CopyOnWriteArrayList<>();
  private final List<JobEvent> events = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final JobStore store = new JobStore();
  private final ReportStore reports = new ReportStore();
  private final EventLog eventLog = new EventLog();
  private final JobJournal journal =
      new JobJournal(
          store,
          eventLog,
          record -> {
            written.add(record);
            return CompletableFuture.completedFuture(null);
          },
          event -> {
            events.add(event);
            return CompletableFuture.completedFuture(null);
          },
          clock,
          TestProperties.gateway());
  private final JobLifecycle lifecycle =
      new JobLifecycle(
          store,
          reports,
          new RobustnessGauges(new SimpleMeterRegistry(), reports),
          journal,
          clock,
          TestProperties.gateway());
  private final JobCommands commands =
      new JobCommands(store, eventLog, journal, lifecycle, clock, TestProperties.gateway());

  @Test
  void pauseAndResumeMoveBetweenRunningAndPausedWithAnEventEach() {
    String id = submit();
    clock.advance(Duration.ofSeconds(3));

    assertThat(commands.pause(id).state()).isEqualTo(JobState.PAUSED);
    clock.advance(Duration.ofSeconds(4));
    assertThat(commands.resume(id).state()).isEqualTo(JobState.RUNNING);

    assertThat(events.subList(3, 5))
        .extracting(JobEvent::sequence, JobEvent::from, JobEvent::to, JobEvent::at)
        .containsExactly(
            tuple(4L, JobState.RUNNING, JobState.PAUSED, Instant.parse("2025-01-01T00:00:03Z")),
            tuple(5L, JobState.PAUSED, JobState.RUNNING, Instant.parse("2025-01-01T00:00:07Z")));
    assertThat(written.get(written.size() - 2).state()).isEqualTo(JobState.PAUSED);
    assertThat(written.get(written.size() - 1).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void illegalTransitionsAreRefusedAndWriteNothing() {
    String id = submit();
    int records = written.size();

    assertThatThrownBy(() -> commands.resume(id))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.state()).isEqualTo(JobState.RUNNING);
              assertThat(e.getMessage())
                  .isEqualTo("job '" + id + "' is RUNNING and cannot be resumed");
            });
    commands.pause(id);
    assertThatThrownBy(() -> commands.pause(id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("job '" + id + "' is PAUSED and cannot be paused");
    commands.cancel(id);
    assertThatThrownBy(() -> commands.cancel(id))
        .hasMessage("job '" + id + "' is CANCELLING and cannot be cancelled");
    assertThatThrownBy(() -> commands.resume(id))
        .hasMessage("job '" + id + "' is CANCELLING and cannot be resumed");
    assertThatThrownBy(() -> commands.pause("job-none")).isInstanceOf(JobNotFoundException.class);

    assertThat(written.subList(records, written.size()))
        .extracting(JobRecord::state)
        .containsExactly(JobState.PAUSED, JobState.CANCELLING);
  }

  @Test
  void cancellingBecomesCancelledAfterTheGracePeriod() {
    String id = submit();
    commands.pause(id);
    assertThat(commands.cancel(id).state()).isEqualTo(JobState.CANCELLING);

    clock.advance(Duration.ofMillis(1999));
    commands.finishCancellations();
    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.CANCELLING);

    clock.advance(Duration.ofMillis(1));
    commands.finishCancellations();
    commands.finishCancellations();

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.CANCELLED);
    assertThat(events)
        .extracting(JobEvent::to)
        .containsExactly(
            JobState.QUEUED,
            JobState.VALIDATING,
            JobState.RUNNING,
            JobState.PAUSED,
            JobState.CANCELLING,
            JobState.CANCELLED);
    assertThatThrownBy(() -> commands.cancel(id))
        .hasMessage("job '" + id + "' is CANCELLED and cannot be cancelled");
  }

  @Test
  void aJobWhoseLastEvaluationCompletedWhilePausedSucceedsOnResume() {
    String id = commands.submit(TestJobs.demo(1), null).job().id();
    commands.pause(id);
    lifecycle.onCheckpoint(JobLifecycleTest.checkpoint(id, 4, 40, true));
    lifecycle.onEvaluation(JobLifecycleTest.evaluation(id, "p1", 4));
    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.PAUSED);

    commands.resume(id);

    assertThat(store.find(id).orElseThrow().record().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(events.subList(events.size() - 2, events.size()))
        .extracting(JobEvent::from, JobEvent::to)
        .containsExactly(
            tuple(JobState.PAUSED, JobState.RUNNING), tuple(JobState.RUNNING, JobState.SUCCEEDED));
  }

  @Test
  void theSameKeyAndSpecReturnTheOriginalJob() {
    Submission first = commands.submit(TestJobs.demo(2), "key-1");
    int records = written.size();
    // The same spec with its reward weights in another order is the same request.
    JobSpec demo = TestJobs.demo(2);
    Map<String, Double> reordered = new LinkedHashMap<>();
    reordered.put("sentence-end", 0.1);
    reordered.put("chrf", 1.0);
    JobSpec same =
        new JobSpec(
            demo.name(),
            demo.model(),
            demo.algorithm(),
            demo.seed(),
            demo.dataset(),
            demo.noise(),
            demo.sampling(),
            new dev.tempered.api.job.RewardSpec(reordered),
            demo.training());

    Submission again = commands.submit(same, "key-1");

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.job().id()).isEqualTo(first.job().id());
    assertThat(written).hasSize(records);
    assertThat(events.get(0).idempotencyKey()).isEqualTo("key-1");
    assertThat(events.get(0).specSha256()).isEqualTo(SpecHash.of(demo)).hasSize(64);
  }

  @Test
  void theSameKeyWithAnotherSpecIsAConflict() {
    String id = commands.submit(TestJobs.demo(2), "key-2").job().id();
    JobSpec demo = TestJobs.demo(2);
    JobSpec other =
        new JobSpec(
            demo.name(),
            demo.model(),
            demo.algorithm(),
            demo.seed(),
            demo.dataset(),
            demo.noise(),
            new SamplingSpec(4, 1.0, 24),
            demo.reward(),
            demo.training());

    assertThatThrownBy(() -> commands.submit(other, "key-2"))
        .isInstanceOfSatisfying(
            IdempotencyConflictException.class, e -> assertThat(e.jobId()).isEqualTo(id));
    // Another key, or none, makes a new job.
    assertThat(commands.submit(other, "key-3").job().id()).isNotEqualTo(id);
    assertThat(commands.submit(demo, null).job().id()).isNotEqualTo(id);
    assertThat(store.all()).hasSize(3);
  }

  @Test
  void aRestartedGatewayKnowsTheKeysFromTheReplayedEvents() {
    Submission first = commands.submit(TestJobs.demo(2), "key-4");
    EventLog replayed = new EventLog();
    events.forEach(replayed::append);
    events.forEach(replayed::append); // a second read changes nothing

    assertThat(replayed.submission("key-4"))
        .contains(new EventLog.Submission(first.job().id(), SpecHash.of(TestJobs.demo(2))));
    assertThat(replayed.after(first.job().id(), 0, 100)).hasSize(3);
    assertThat(replayed.after(first.job().id(), 1, 1))
        .extracting(JobEvent::sequence)
        .containsExactly(2L);
  }

  @Test
  void aSubmissionInterruptedByAStopIsCarriedOnAtStart() {
    JobRecord queued =
        new JobRecord(
            dev.tempered.api.message.Envelope.create(),
            "job-interrupted",
            TestJobs.demo(2),
            JobState.QUEUED,
            0,
            null,
            null,
            null,
            null,
            null,
            clock.instant(),
            clock.instant());
    lifecycle.onJobRecord(queued);
    lifecycle.onJobRecord(
        new JobRecord(
            dev.tempered.api.message.Envelope.create(),
            "job-done",
            TestJobs.demo(2),
            JobState.SUCCEEDED,
            40,
            null,
            null,
            null,
            null,
            null,
            clock.instant(),
            clock.instant()));

    commands.finishSubmissions();

    assertThat(store.find("job-interrupted").orElseThrow().record().state())
        .isEqualTo(JobState.RUNNING);
    assertThat(store.find("job-done").orElseThrow().record().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(events)
        .extracting(JobEvent::jobId, JobEvent::from, JobEvent::to)
        .containsExactly(
            tuple("job-interrupted", JobState.QUEUED, JobState.VALIDATING),
            tuple("job-interrupted", JobState.VALIDATING, JobState.RUNNING));
  }

  private String submit() {
    return commands.submit(TestJobs.demo(2), null).job().id();
  }
}
