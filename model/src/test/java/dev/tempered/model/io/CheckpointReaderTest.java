package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointReaderTest {

  @TempDir Path dir;

  @Test
  void sha256MatchesTheFips180Example() throws IOException {
    Path file = Files.writeString(dir.resolve("abc"), "abc", StandardCharsets.US_ASCII);
    assertThat(CheckpointReader.sha256(file))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void readsAVerifiedCheckpoint() throws IOException {
    Path file = dir.resolve("v1.bin");
    LlamaWeights weights = tinyWeights();
    Llama2cFormat.write(weights, file);
    LlamaWeights read =
        CheckpointReader.read(event(file, CheckpointReader.sha256(file), Files.size(file)));
    assertThat(read.config()).isEqualTo(weights.config());
    assertThat(read.tensors().get("norm")).containsExactly(weights.tensors().get("norm"));
  }

  @Test
  void refusesAFileWhoseSha256DiffersFromTheEvent() throws IOException {
    Path file = dir.resolve("v1.bin");
    Llama2cFormat.write(tinyWeights(), file);
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> CheckpointReader.read(event(file, wrong, Files.size(file))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has sha256 " + CheckpointReader.sha256(file))
        .hasMessageContaining("the event says " + wrong);
  }

  @Test
  void refusesAFileWhoseSizeDiffersFromTheEvent() throws IOException {
    Path file = dir.resolve("v1.bin");
    Llama2cFormat.write(tinyWeights(), file);
    assertThatThrownBy(() -> CheckpointReader.read(event(file, CheckpointReader.sha256(file), 3)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("but the event says 3");
  }

  @Test
  void refusesUrisThatAreNotFiles() {
    CheckpointEvent http =
        new CheckpointEvent(
            Envelope.create(), "job-1", 1, 10, "http://example.org/v1.bin", "00", 1, 0, 0, false);
    assertThatThrownBy(() -> CheckpointReader.read(http))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a file: URI");
  }

  private static CheckpointEvent event(Path file, String sha256, long size) {
    return new CheckpointEvent(
        Envelope.create(), "job-1", 1, 10, file.toUri().toString(), sha256, size, 0.5, 0.1, false);
  }

  private static LlamaWeights tinyWeights() {
    LlamaConfig config =
        new LlamaConfig(
            8,
            16,
            1,
            2,
            1,
            16,
            8,
            true,
            LlamaConfig.DEFAULT_ROPE_THETA,
            LlamaConfig.DEFAULT_NORM_EPS);
    Map<String, float[]> tensors = new LinkedHashMap<>();
    int k = 0;
    for (Map.Entry<String, long[]> e : LlamaWeights.names(config).entrySet()) {
      long count = 1;
      for (long d : e.getValue()) {
        count *= d;
      }
      float[] values = new float[(int) count];
      for (int i = 0; i < values.length; i++) {
        values[i] = (k++ % 17) / 17f;
      }
      tensors.put(e.getKey(), values);
    }
    return new LlamaWeights(config, tensors);
  }
}
