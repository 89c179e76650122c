package dev.tempered.noise.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoiseOp;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.noise.dataset.DataRoot;
import dev.tempered.noise.operator.Misspellings;
import dev.tempered.noise.operator.NoisyText;
import dev.tempered.noise.operator.OperatorCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job spec becomes prompts from the named JSONL fields, each tagged with its operator's group.
 */
class PromptFactoryBuilderTest {

  @TempDir Path data;

  private final OperatorCatalog catalog =
      new OperatorCatalog(() -> Misspellings.of(Map.of()), () -> word -> List.of());

  @Test
  void jsonlPromptsCarryTheGroupOfTheOperatorThatNoisedThem() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      lines
          .append("{\"q\": {\"text\": \"Tom has ")
          .append(i)
          .append(" red apples and a big dog.\"},")
          .append(" \"a\": \"He has ")
          .append(i)
          .append(".\"}\n");
    }
    Files.createDirectories(data.resolve("qa"));
    Files.writeString(data.resolve("qa/train.jsonl"), lines);
    PromptFactory factory =
        new PromptFactoryBuilder(new DataRoot(data), catalog)
            .build(record(new DatasetSpec("qa/train.jsonl", 1, 5, "jsonl", "q.text", "a")));

    assertThat(factory.evalSize()).isEqualTo(5);
    Set<String> groups = new HashSet<>();
    for (long n = 0; n < 40; n++) {
      NoisyInput input = factory.train(n, 0);
      assertThat(input.cleanText()).matches("Tom has \\d+ red apples and a big dog\\.");
      assertThat(input.reference())
          .isEqualTo(input.cleanText().replaceAll("Tom has (\\d+).*", "He has $1."));
      assertThat(NoisyText.replay(input.cleanText(), input.ops())).isEqualTo(input.noisyText());
      String expectedKind = input.group().equals("swaps") ? "char-swap" : "word-shuffle";
      assertThat(input.ops()).extracting(NoiseOp::kind).containsOnly(expectedKind);
      groups.add(input.group());
    }
    assertThat(groups).containsExactlyInAnyOrder("swaps", "shuffled");
  }

  @Test
  void twoOperatorsPerPromptChainTheirOpsAndJoinTheirGroups() throws Exception {
    Files.writeString(
        data.resolve("two.jsonl"),
        "{\"question\": \"Tom saw a big red dog near the old park gate.\", \"answer\": \"x\"}\n"
            + "{\"question\": \"Sue had a small blue cup of warm milk today.\", \"answer\": \"y\"}\n");
    JobRecord job = record(new DatasetSpec("two.jsonl", 1, 1, "jsonl", null, null), 2);
    PromptFactory factory = new PromptFactoryBuilder(new DataRoot(data), catalog).build(job);
    for (long n = 0; n < 20; n++) {
      NoisyInput input = factory.train(n, 0);
      assertThat(input.group()).isEqualTo("swaps+shuffled");
      assertThat(NoisyText.replay(input.cleanText(), input.ops())).isEqualTo(input.noisyText());
      // Swaps come first: every char-swap op precedes every word-shuffle op.
      List<String> kinds = input.ops().stream().map(NoiseOp::kind).toList();
      assertThat(kinds)
          .isSortedAccordingTo(java.util.Comparator.comparing(k -> !k.equals("char-swap")));
      assertThat(kinds).contains("char-swap");
    }
  }

  @Test
  void aMissingFieldFailsTheJobNamingTheLineAndField() throws Exception {
    Files.writeString(data.resolve("bad.jsonl"), "{\"question\": \"q\"}\n");
    assertThatThrownBy(
            () ->
                new PromptFactoryBuilder(new DataRoot(data), catalog)
                    .build(record(new DatasetSpec("bad.jsonl", 1, 1, "jsonl", null, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.jsonl line 1: no field 'answer'");
  }

  private static JobRecord record(DatasetSpec dataset) {
    return record(dataset, null);
  }

  private static JobRecord record(DatasetSpec dataset, Integer operatorsPerPrompt) {
    JobSpec spec =
        new JobSpec(
            "jsonl test",
            "stories260K",
            "grpo",
            11,
            dataset,
            new NoiseSpec(
                List.of(
                    new NoiseOperatorSpec("char-swap", 1.0, "swaps"),
                    new NoiseOperatorSpec("word-shuffle", 1.0, "shuffled", 2)),
                new CurriculumSpec("constant", 0.8, 0.8),
                operatorsPerPrompt),
            new SamplingSpec(4, 1.0, 32),
            new RewardSpec(Map.of("chrf", 1.0)),
            new TrainingSpec(10, 4, 1e-3, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 2));
    Instant now = Instant.now();
    return new JobRecord(
        Envelope.create(),
        "job-1",
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
