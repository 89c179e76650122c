package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The optional job-spec settings read as absent from JSON that lacks them, as set when present. */
class JobSpecJsonTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theDemoJobKeepsEveryOptionalSettingAtItsDefault() throws Exception {
    JobSpec demo =
        json.readValue(Files.readString(Path.of("..", "examples", "demo-job.json")), JobSpec.class);
    assertThat(demo.dataset())
        .isEqualTo(new DatasetSpec("tinystories/tinystories_val.txt", 2, 200));
    assertThat(demo.dataset().formatOrDefault()).isEqualTo("text");
    assertThat(demo.noise().operators().get(0))
        .isEqualTo(new NoiseOperatorSpec("misspelling", 1.0, "misspelling"));
    assertThat(demo.noise().curriculum()).isEqualTo(new CurriculumSpec("linear", 0.1, 0.4));
    assertThat(JobSpecValidator.validate(demo)).isEmpty();
  }

  @Test
  void readsTheOptionalSettingsWhenGiven() {
    DatasetSpec dataset =
        json.readValue(
            "{\"path\":\"gsm8k/test.jsonl\",\"promptSentences\":1,\"heldOutPrompts\":20,"
                + "\"format\":\"jsonl\","
                + "\"promptField\":\"question\",\"referenceField\":\"answer\"}",
            DatasetSpec.class);
    assertThat(dataset)
        .isEqualTo(new DatasetSpec("gsm8k/test.jsonl", 1, 20, "jsonl", "question", "answer"));
    CurriculumSpec curriculum =
        json.readValue(
            "{\"schedule\":\"adaptive\",\"startStrength\":0.1,\"endStrength\":0.5,"
                + "\"tolerance\":0.05,\"increment\":0.2}",
            CurriculumSpec.class);
    assertThat(curriculum).isEqualTo(new CurriculumSpec("adaptive", 0.1, 0.5, null, 0.05, 0.2));
    NoiseOperatorSpec op =
        json.readValue(
            "{\"kind\":\"word-shuffle\",\"weight\":1,\"group\":\"s\",\"window\":2}",
            NoiseOperatorSpec.class);
    assertThat(op.windowOrDefault()).isEqualTo(2);
  }
}
