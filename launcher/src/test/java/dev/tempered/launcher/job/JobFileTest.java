package dev.tempered.launcher.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class JobFileTest {

  static final Path DEMO_JOB = Path.of("../examples/demo-job.json");

  @Test
  void demoJobIsValidForTheGatewaysValidator() throws Exception {
    JobSpec spec = Json.MAPPER.readValue(Files.readString(DEMO_JOB), JobSpec.class);

    assertThat(JobSpecValidator.validate(spec)).isEmpty();
    assertThat(spec.name()).isEqualTo("demo-grpo-robust-tinystories");
    assertThat(spec.model()).isEqualTo("stories260K");
    assertThat(spec.seed()).isEqualTo(7);
    assertThat(spec.dataset().heldOutPrompts()).isEqualTo(200);
    assertThat(spec.noise().operators())
        .extracting(op -> op.kind())
        .containsExactly("misspelling", "word-dropout");
    assertThat(spec.noise().curriculum().endStrength()).isEqualTo(0.4);
    assertThat(spec.sampling().candidates()).isEqualTo(8);
    assertThat(spec.reward().weights())
        .containsEntry("chrf", 1.0)
        .containsEntry("sentence-end", 0.1);
    assertThat(spec.training().steps()).isEqualTo(40);
    assertThat(spec.training().checkpointEvery()).isEqualTo(2);
    assertThat(JobFile.problems(JobFile.read(DEMO_JOB))).isEmpty();
  }

  @Test
  void overridesChangeNumbersAndWordsAtDottedPaths() {
    ObjectNode job = JobFile.read(DEMO_JOB);
    JobFile.override(job, "training.steps", "4");
    JobFile.override(job, "training.learningRate", "0.01");
    JobFile.override(job, "noise.curriculum.schedule", "cosine");

    assertThat(job.path("training").path("steps").isInt()).isTrue();
    assertThat(job.path("training").path("steps").intValue()).isEqualTo(4);
    assertThat(job.path("training").path("learningRate").doubleValue()).isEqualTo(0.01);
    assertThat(job.path("noise").path("curriculum").path("schedule").stringValue())
        .isEqualTo("cosine");
    assertThat(job.path("training").path("promptsPerStep").intValue()).isEqualTo(8);
    assertThat(JobFile.problems(job)).isEmpty();
  }

  @Test
  void problemsNameEveryBadField() {
    ObjectNode job = JobFile.read(DEMO_JOB);
    JobFile.override(job, "training.steps", "0");
    JobFile.override(job, "sampling.candidates", "1");

    assertThat(JobFile.problems(job))
        .containsExactlyInAnyOrder(
            "sampling.candidates: must be between 2 and 64",
            "training.steps: must be between 1 and 100000");
  }

  @Test
  void aValueOfTheWrongTypeIsNamedByItsPath() {
    ObjectNode job = JobFile.read(DEMO_JOB);
    JobFile.override(job, "training.steps", "many");

    assertThat(JobFile.problems(job)).singleElement().asString().startsWith("training.steps: ");
  }

  @Test
  void unreadableFilesSayWhatIsWrong(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");

    assertThatThrownBy(() -> JobFile.read(dir.resolve("missing.json")))
        .hasMessageContaining("missing.json does not exist");
    assertThatThrownBy(() -> JobFile.read(broken)).hasMessageContaining("is not valid JSON");
    assertThatThrownBy(() -> JobFile.read(array)).hasMessageContaining("must hold one JSON object");
  }
}
