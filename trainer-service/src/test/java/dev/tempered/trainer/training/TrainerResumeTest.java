package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer resumed from a stored checkpoint is the trainer that wrote it: same weights, AdamW
 * moments, step and version, hence the same next update; torn or replaced checkpoints are passed
 * over for the one before.
 */
class TrainerResumeTest {

  private static final String JOB = "job";
  private static final TrainingSpec SPEC =
      new TrainingSpec(10, 1, 0.01, 0.0, 0.04, 0.2, 0.2, 1.0, 1, 2);

  @TempDir Path root;

  @Test
  void aResumedTrainerContinuesExactlyWhereTheStoredOneWas() throws IOException {
    LlamaWeights base = TinyPolicy.weights(3);
    ScoredGroup group;
    try (LlamaModel behaviour = LlamaModel.create(base, Device.cpu())) {
      group =
          TinyPolicy.group(
              behaviour, "g", new double[] {0, 1}, new double[] {-0.7, 0.7}, "stop", 0);
    }
    TrainerResume resume = new TrainerResume(root);
    try (JobTrainer original = new JobTrainer(SPEC, base, Device.cpu(), List.of());
        JobTrainer resumed = new JobTrainer(SPEC, base, Device.cpu(), List.of())) {
      for (int i = 0; i < 2; i++) {
        assertThat(original.train(original.batch(List.of(group)), 0, 0).applied()).isTrue();
      }
      checkpoint(resume, original, 7);

      resumed.resume(resume.newest(JOB).orElseThrow());
      assertThat(resumed.step()).isEqualTo(2);
      assertThat(resumed.version()).isEqualTo(1);
      assertSameWeights(resumed.policyWeights(), original.policyWeights());
      AdamW.State a = original.optimizerState();
      AdamW.State b = resumed.optimizerState();
      assertThat(b.steps()).isEqualTo(a.steps()).isEqualTo(2);
      a.firstMoments().forEach((n, m) -> assertThat(b.firstMoments().get(n)).containsExactly(m));
      a.secondMoments().forEach((n, v) -> assertThat(b.secondMoments().get(n)).containsExactly(v));
      // With moments restarted the next AdamW update would differ (bias correction of step 1).
      original.train(original.batch(List.of(group)), 0, 0);
      resumed.train(resumed.batch(List.of(group)), 0, 0);
      assertSameWeights(resumed.policyWeights(), original.policyWeights());
    }
  }

  @Test
  void tornAndReplacedCheckpointsArePassedOver() throws IOException {
    LlamaWeights base = TinyPolicy.weights(4);
    TrainerResume resume = new TrainerResume(root);
    try (JobTrainer trainer = new JobTrainer(SPEC, base, Device.cpu(), List.of())) {
      checkpoint(resume, trainer, 3);
      checkpoint(resume, trainer, 5);
    }
    Path dir = root.resolve(JOB);
    assertThat(resume.newest(JOB).orElseThrow().state().version()).isEqualTo(2);
    // A crash after v3.bin, before its state: not a checkpoint to resume from.
    Files.copy(dir.resolve("v2.bin"), dir.resolve("v3.bin"));
    Files.writeString(dir.resolve("v3.state.json.tmp"), "{\"version\":3");
    assertThat(resume.newest(JOB).orElseThrow().state().version()).isEqualTo(2);
    // v2.bin changed after its state was written: its sha256 no longer matches, v1 is taken, whose
    // moments were removed when v2 was written (so AdamW restarts).
    Files.write(dir.resolve("v2.bin"), new byte[] {0}, StandardOpenOption.APPEND);
    TrainerResume.ResumePoint point = resume.newest(JOB).orElseThrow();
    assertThat(point.state().version()).isEqualTo(1);
    assertThat(point.state().groupsConsumed()).isEqualTo(3);
    assertThat(point.optimizer()).isNull();
    assertThat(resume.newest("other-job")).isEmpty();
  }

  @Test
  void progressIsRecordedAndReadBack() {
    TrainerResume resume = new TrainerResume(root);
    assertThat(resume.progress(JOB)).isEqualTo(new TrainerResume.Progress(0, 0));
    resume.recordProgress(JOB, 12, 3);
    resume.recordProgress(JOB, 13, 3);
    assertThat(resume.progress(JOB)).isEqualTo(new TrainerResume.Progress(13, 3));
  }

  @Test
  void stalenessBoundAdmitsZeroToMaxAndRejectsNewerVersions() {
    assertThat(StalenessBound.rejection(3, 3, 0)).isNull();
    assertThat(StalenessBound.rejection(3, 1, 2)).isNull();
    assertThat(StalenessBound.rejection(3, 0, 2)).isEqualTo("staleness 3 exceeds maxStaleness 2");
    assertThat(StalenessBound.rejection(3, 5, 2))
        .isEqualTo("from version 5, newer than the trainer's 3");
  }

  /** What the coordinator does at a checkpoint: weights, then the resume state. */
  private static void checkpoint(TrainerResume resume, JobTrainer trainer, long consumed)
      throws IOException {
    LlamaWeights weights = trainer.nextCheckpoint();
    long version = trainer.version();
    var stored = new CheckpointStore(resumeRoot(resume)).write(JOB, version, weights);
    AdamW.State optimizer = trainer.optimizerState();
    resume.save(
        JOB,
        new ResumeState(
            version,
            trainer.step(),
            consumed,
            0,
            stored.sha256(),
            "v" + version + ".adamw.safetensors",
            optimizer.steps()),
        optimizer);
  }

  private static Path resumeRoot(TrainerResume resume) {
    return resume.root();
  }

  private static void assertSameWeights(LlamaWeights actual, LlamaWeights expected) {
    expected
        .tensors()
        .forEach((name, v) -> assertThat(actual.tensors().get(name)).as(name).containsExactly(v));
  }
}
