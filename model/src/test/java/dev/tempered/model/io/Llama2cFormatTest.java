package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.model.Stories260K;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama2.c legacy checkpoints (MODEL.md's layout) of any config, tied or untied. */
class Llama2cFormatTest {

  @TempDir Path dir;

  @Test
  void randomUntiedGqaConfigRoundTripsWithANegativeVocabHeader() throws IOException {
    LlamaConfig config =
        new LlamaConfig(
            24,
            40,
            3,
            6,
            3,
            37,
            16,
            false,
            LlamaConfig.DEFAULT_ROPE_THETA,
            LlamaConfig.DEFAULT_NORM_EPS);
    LlamaWeights weights = LlamaWeights.random(config, 13);
    Path file = dir.resolve("m.bin");
    Llama2cFormat.write(weights, file);

    ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int[] header = new int[7];
    for (int i = 0; i < 7; i++) {
      header[i] = raw.getInt();
    }
    assertThat(header).containsExactly(24, 40, 3, 6, 3, -37, 16);
    // header + weights (classifier counted separately) + RoPE tables of seq_len x hs/2 twice
    long floats = config.parameterCount() + 2L * 16 * (4 / 2);
    assertThat(Files.size(file)).isEqualTo(7 * 4 + floats * 4);
    // The untied classifier is the file's last tensor, after the RoPE tables.
    float[] output = weights.tensors().get("output");
    assertThat(raw.getFloat((int) Files.size(file) - 4)).isEqualTo(output[output.length - 1]);

    LlamaWeights back = Llama2cFormat.read(file);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.tensors().keySet()).containsExactlyElementsOf(weights.tensors().keySet());
    weights
        .tensors()
        .forEach((name, v) -> assertThat(back.tensors().get(name)).as(name).containsExactly(v));
  }

  @Test
  void stories260KRewritesToTheSameBytes() throws IOException {
    Path original = Stories260K.sharedRoot().resolve("models/stories260K/stories260K.bin");
    LlamaWeights weights = Llama2cFormat.read(original);
    assertThat(weights.config().sharedClassifier()).isTrue();
    assertThat(weights.config().kvHeads()).isEqualTo(4);
    Path copy = dir.resolve("copy.bin");
    Llama2cFormat.write(weights, copy);
    byte[] a = Files.readAllBytes(original);
    byte[] b = Files.readAllBytes(copy);
    // The RoPE tables are recomputed, so allow float rounding there; everything else is exact.
    long ropeStart = a.length - 2L * 512 * 4 * 4;
    assertThat(Arrays.copyOf(b, (int) ropeStart)).isEqualTo(Arrays.copyOf(a, (int) ropeStart));
    assertThat(b).hasSameSizeAs(a);
  }

  @Test
  void refusesConfigsTheHeaderCannotHoldAndFilesOfTheWrongSize() throws IOException {
    LlamaConfig theta = new LlamaConfig(8, 16, 1, 2, 1, 16, 8, true, 500_000.0, 1e-5);
    assertThatThrownBy(() -> Llama2cFormat.write(LlamaWeights.random(theta, 1), dir.resolve("t")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("rope theta 500000.0");
    LlamaConfig ok = new LlamaConfig(8, 16, 1, 2, 1, 16, 8, true, 10_000.0, 1e-5);
    Path file = dir.resolve("short.bin");
    Llama2cFormat.write(LlamaWeights.random(ok, 1), file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
    assertThatThrownBy(() -> Llama2cFormat.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bytes but its header");
  }
}
