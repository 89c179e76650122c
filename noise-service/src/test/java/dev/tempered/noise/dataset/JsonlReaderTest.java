package dev.tempered.noise.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.DatasetSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

  @TempDir Path dir;

  @Test
  void readsTheNamedFieldsOfEveryLineSkippingBlankOnes() throws Exception {
    Path file =
        write(
            "q.jsonl",
            "{\"question\": \"What is 2+2?\", \"answer\": \"#### 4\"}\n\n"
                + "{\"question\": \"Name a colour.\", \"answer\": \"red\", \"extra\": 1}\n");
    assertThat(JsonlReader.read(file, "question", "answer"))
        .containsExactly(
            new Example("What is 2+2?", "#### 4"), new Example("Name a colour.", "red"));
  }

  @Test
  void followsNestedObjectsAndArrayIndices() throws Exception {
    Path file =
        write(
            "p.jsonl",
            "{\"input\": {\"messages\": [{\"content\": \"sys\"}, {\"content\": \"Hi?\"}]},"
                + " \"preferred_output\": [{\"content\": \"Hello.\"}]}\n");
    assertThat(JsonlReader.read(file, "input.messages.1.content", "preferred_output.0.content"))
        .containsExactly(new Example("Hi?", "Hello."));
  }

  @Test
  void readsGzippedFiles() throws Exception {
    Path file = dir.resolve("c.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("{\"chosen\": \"a b c\", \"rejected\": \"d\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(JsonlReader.read(file, "chosen", "rejected"))
        .containsExactly(new Example("a b c", "d"));
  }

  @Test
  void namesTheLineTheFieldAndWhatIsThereInstead() throws Exception {
    Path file =
        write("bad.jsonl", "{\"question\": \"q\", \"answer\": \"a\"}\n{\"question\": \"q\"}\n");
    assertThatThrownBy(() -> JsonlReader.read(file, "question", "answer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad.jsonl line 2: no field 'answer' (fields there: question)");
    Path nested = write("n.jsonl", "{\"input\": {\"messages\": []}}\n");
    assertThatThrownBy(() -> JsonlReader.read(nested, "input.messages.0.content", "input"))
        .hasMessage(
            "n.jsonl line 1: no field 'input.messages.0.content' under 'input.messages'"
                + " (an array of 0)");
    Path number = write("x.jsonl", "{\"question\": 7, \"answer\": \"a\"}\n");
    assertThatThrownBy(() -> JsonlReader.read(number, "question", "answer"))
        .hasMessage("x.jsonl line 1: field 'question' must be a non-blank string, found NUMBER");
    Path broken = write("y.jsonl", "{\"question\": \n");
    assertThatThrownBy(() -> JsonlReader.read(broken, "question", "answer"))
        .hasMessageStartingWith("y.jsonl line 1: not valid JSON");
    Path array = write("z.jsonl", "[1, 2]\n");
    assertThatThrownBy(() -> JsonlReader.read(array, "question", "answer"))
        .hasMessage("z.jsonl line 1: expected a JSON object, found ARRAY");
  }

  @Test
  void readsGsm8kThroughTheJobSpecWithItsDefaultFields() {
    var shared = SharedResources.find();
    assumeTrue(shared.isPresent(), "../shared not found: GSM8K test skipped");
    DataRoot root = new DataRoot(shared.get().resolve("data"));
    List<Example> examples =
        Datasets.read(root, new DatasetSpec("gsm8k/test.jsonl", 1, 10, "jsonl", null, null));
    // The GSM8K test split (Cobbe et al. 2021) has 1319 problems; the first is about Janet's ducks.
    assertThat(examples).hasSize(1319);
    assertThat(examples.get(0).prompt()).startsWith("Janet\u2019s ducks lay 16 eggs per day.");
    assertThat(examples.get(0).reference()).endsWith("#### 18");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }
}
