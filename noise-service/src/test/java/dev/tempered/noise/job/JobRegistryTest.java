package dev.tempered.noise.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.Envelope;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which job records the noise service keeps as work to do. */
class JobRegistryTest {

  @Test
  void aRunningOnlineJobIsKeptButAJobTrainedFromAPreferenceFileIsNot() {
    JobRegistry registry = new JobRegistry();
    registry.onJob(record("online", new DatasetSpec("tinystories/tinystories_val.txt", 2, 10)));
    registry.onJob(
        record(
            "offline",
            new DatasetSpec(
                "preferences/orca_dpo_validation.jsonl", 0, 8, "preferences", null, null)));

    assertThat(registry.running()).extracting(JobRecord::jobId).containsExactly("online");
    assertThat(registry.job("offline")).isEmpty();
  }

  private static JobRecord record(String jobId, DatasetSpec dataset) {
    JobSpec spec =
        new JobSpec(
            jobId,
            "stories260K",
            "dpo",
            7,
            dataset,
            null,
            null,
            null,
            new TrainingSpec(4, 2, 1e-4, 0.0, 0.1, 0.2, 0.2, 1.0, 2, 2));
    Instant now = Instant.now();
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        JobState.RUNNING,
        0,
        null,
        null,
        null,
        null,
        null,
        now,
        now);
  }
}
