package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.model.io.SafeTensors.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout of huggingface/safetensors' format description, byte for byte. */
class SafeTensorsTest {

  @TempDir Path dir;

  @Test
  void writtenF32TensorsReadBackExactlyWithAnAlignedHeader() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", new Tensor(new long[] {2, 3}, new float[] {1, -2, 3.5f, 0, 1e-30f, -7}));
    tensors.put("b.weight", new Tensor(new long[] {1}, new float[] {Float.MIN_VALUE}));
    Path file = dir.resolve("t.safetensors");
    SafeTensors.write(tensors, file);

    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = buf.getLong();
    assertThat(headerLength % 8).isZero();
    assertThat(bytes.length).isEqualTo(8 + headerLength + 7 * 4);
    String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertThat(header)
        .contains("\"__metadata__\":{\"format\":\"pt\"}")
        .contains("\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}")
        .contains("\"b.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}");
    // Data is raw little-endian: the first float 1.0 is 0x3F800000.
    assertThat(buf.getInt((int) (8 + headerLength))).isEqualTo(0x3F80_0000);

    Map<String, Tensor> back = SafeTensors.read(file);
    assertThat(back.keySet()).containsExactly("a", "b.weight");
    assertThat(back.get("a").shape()).containsExactly(2, 3);
    assertThat(back.get("a").values()).containsExactly(1, -2, 3.5f, 0, 1e-30f, -7);
    assertThat(back.get("b.weight").values()).containsExactly(Float.MIN_VALUE);
  }

  @Test
  void readsBf16AndF16ToTheirExactFloatValues() throws IOException {
    // BF16 is the high half of a float: 0x3F80 = 1.0, 0xC020 = -2.5, 0x3EAA = 0.33203125.
    // F16 (IEEE binary16): 0x3C00 = 1.0, 0xC000 = -2, 0x3555 = 0.333251953125,
    // 0x0001 = 2^-24 (smallest subnormal), 0x7BFF = 65504 (largest finite), 0xFC00 = -inf.
    String header =
        "{\"x\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]},"
            + "\"y\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[6,18]}}";
    short[] data = {
      0x3F80, (short) 0xC020, 0x3EAA, 0x3C00, (short) 0xC000, 0x3555, 0x0001, 0x7BFF, (short) 0xFC00
    };
    Path file = dir.resolve("half.safetensors");
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf =
        ByteBuffer.allocate(8 + json.length + data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(json.length).put(json);
    for (short s : data) {
      buf.putShort(s);
    }
    Files.write(file, buf.array());

    Map<String, Tensor> t = SafeTensors.read(file);
    assertThat(t.get("x").values()).containsExactly(1f, -2.5f, 0.33203125f);
    assertThat(t.get("y").shape()).containsExactly(2, 3);
    assertThat(t.get("y").values())
        .containsExactly(
            1f, -2f, 0.333251953125f, (float) Math.pow(2, -24), 65504f, Float.NEGATIVE_INFINITY);
  }

  @Test
  void rejectsATensorWhoseOffsetsDoNotMatchItsShape() throws IOException {
    String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(json.length).put(json);
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, buf.array());
    assertThatThrownBy(() -> SafeTensors.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tensor x of shape [3]");
  }

  @Test
  void rejectsUnsupportedDtypes() throws IOException {
    String header = "{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(json.length).put(json);
    Path file = dir.resolve("int.safetensors");
    Files.write(file, buf.array());
    assertThatThrownBy(() -> SafeTensors.read(file))
        .hasMessageContaining("unsupported dtype 'I64'");
  }
}
