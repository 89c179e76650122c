package dev.tempered.sampler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Split;
import dev.tempered.sampler.Stories260K;
import dev.tempered.sampler.config.SamplerProperties;
import dev.tempered.sampler.generation.BatchGenerator;
import dev.tempered.sampler.generation.EvalSampler;
import dev.tempered.sampler.generation.TrainSampler;
import dev.tempered.sampler.policy.ModelLibrary;
import dev.tempered.sampler.policy.PolicyStore;
import dev.tempered.sampler.policy.PolicyVersionListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parking, dedup and dropping of inputs, with the real model behind a recording sink. */
class SamplingEngineTest {

  private final List<CandidateGroup> published = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();
  private SamplingEngine engine;

  @BeforeEach
  void createEngine() {
    Path models = Stories260K.modelsDir();
    BatchGenerator generator = new BatchGenerator((rows, tokens, nanos) -> {});
    PolicyStore policies =
        new PolicyStore(
            new ModelLibrary(() -> models),
            Device.cpu(),
            new PolicyVersionListener() {
              @Override
              public void onVersion(String jobId, long version) {}

              @Override
              public void onReleased(String jobId) {}
            });
    SamplerEvents events =
        new SamplerEvents() {
          @Override
          public void inputDropped(String reason) {
            dropped.add(reason);
          }

          @Override
          public void inputFailed() {}

          @Override
          public void pendingInputs(int count) {}
        };
    engine =
        new SamplingEngine(
            policies,
            new TrainSampler(generator),
            new EvalSampler(generator),
            published::addAll,
            events,
            new SamplerProperties(null, 64, 128, 2, 100, "cpu"));
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void inputsWaitForTheirJobAndRedeliveriesAreSkipped() {
    NoisyInput early = input("a", "p0", Split.TRAIN, 0);
    assertThat(engine.accept(List.of(early)).allDone()).isTrue();
    assertThat(published).as("job not known yet: parked").isEmpty();

    engine.onJob(job("a", JobState.QUEUED));
    assertThat(published).isEmpty();
    engine.onJob(job("a", JobState.RUNNING));
    assertThat(published).extracting(CandidateGroup::promptId).containsExactly("p0");
    assertThat(published.get(0).candidates()).hasSize(2);

    NoisyInput eval = input("a", "e0", Split.EVAL, 0);
    assertThat(engine.accept(List.of(early, eval, eval)).allDone()).isTrue();
    assertThat(published).extracting(CandidateGroup::promptId).containsExactly("p0", "e0");
  }

  @Test
  void inputsOfAPausedJobWaitAndAreSampledOnResume() {
    engine.onJob(job("c", JobState.RUNNING));
    engine.onJob(job("c", JobState.PAUSED));
    assertThat(engine.accept(List.of(input("c", "p0", Split.TRAIN, 0))).allDone()).isTrue();
    assertThat(published).as("paused: parked, not sampled").isEmpty();

    engine.onJob(job("c", JobState.RUNNING));

    assertThat(published).extracting(CandidateGroup::promptId).containsExactly("p0");
    assertThat(dropped).isEmpty();
  }

  @Test
  void aFullPendingQueueRefusesAndEndedJobsDropWithAReason() {
    BatchOutcome outcome =
        engine.accept(
            List.of(
                input("b", "p0", Split.TRAIN, 0),
                input("b", "p1", Split.TRAIN, 1),
                input("b", "p2", Split.TRAIN, 2)));
    assertThat(outcome.failed()).containsExactly(2);
    assertThat(outcome.cause()).hasMessageContaining("pending queue full (2 inputs)");

    engine.onJob(job("b", JobState.CANCELLED));
    assertThat(dropped).containsExactly("job is CANCELLED", "job is CANCELLED");
    assertThat(engine.accept(List.of(input("b", "p3", Split.TRAIN, 3))).allDone()).isTrue();
    assertThat(dropped).hasSize(3);
    assertThat(published).isEmpty();
  }

  @Test
  void aJobTrainedFromAPreferenceFileIsNeverSampled() {
    JobSpec pairs =
        new JobSpec(
            "p",
            Stories260K.NAME,
            "dpo",
            5L,
            new DatasetSpec(
                "preferences/orca_dpo_validation.jsonl", 0, 8, "preferences", null, null),
            null,
            null,
            null,
            null);
    engine.onJob(record("d", pairs, JobState.RUNNING));
    assertThat(engine.accept(List.of(input("d", "p0", Split.TRAIN, 0))).allDone()).isTrue();
    assertThat(published).as("an offline job is unknown to the sampler: parked").isEmpty();
  }

  @Test
  void onlyAJobThatWeighsConsistencyGetsCleanAnswers() {
    JobSpec consistency =
        new JobSpec(
            "c",
            Stories260K.NAME,
            "grpo",
            5L,
            null,
            null,
            new SamplingSpec(2, 1.0, 4),
            new RewardSpec(Map.of("chrf", 1.0, "consistency", 0.5)),
            null);
    engine.onJob(record("k", consistency, JobState.RUNNING));
    engine.onJob(job("n", JobState.RUNNING));
    engine.accept(List.of(input("k", "p0", Split.TRAIN, 0), input("n", "p1", Split.TRAIN, 1)));

    assertThat(published).hasSize(2);
    CandidateGroup weighed =
        published.get(0).jobId().equals("k") ? published.get(0) : published.get(1);
    CandidateGroup plain =
        published.get(0).jobId().equals("n") ? published.get(0) : published.get(1);
    assertThat(weighed.cleanAnswer()).isNotNull();
    assertThat(plain.cleanAnswer()).isNull();
    assertThat(SamplingEngine.wantsCleanAnswers(consistency)).isTrue();
    assertThat(SamplingEngine.wantsCleanAnswers(job("n", JobState.RUNNING).spec())).isFalse();
  }

  private static JobRecord job(String jobId, JobState state) {
    JobSpec spec =
        new JobSpec(
            "t", Stories260K.NAME, "grpo", 5L, null, null, new SamplingSpec(2, 1.0, 4), null, null);
    return record(jobId, spec, state);
  }

  private static JobRecord record(String jobId, JobSpec spec, JobState state) {
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        state,
        0,
        null,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now());
  }

  private static NoisyInput input(String jobId, String promptId, Split split, long sequence) {
    return new NoisyInput(
        Envelope.create(),
        jobId,
        promptId,
        split,
        sequence,
        "typo",
        "Tom had a red ball.",
        "Tom hda a red ball.",
        List.of(),
        "He was happy.",
        0.5);
  }
}
