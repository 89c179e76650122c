package dev.tempered.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header
 * length, a JSON header mapping each tensor name to its dtype, shape and byte range, then the raw
 * little-endian data. F32, BF16 and F16 are read (widened to float); F32 is written.
 */
public final class SafeTensors {

  /** A tensor as host floats, row-major, with its shape. */
  public record Tensor(long[] shape, float[] values) {

    public Tensor {
      if (count(shape) != values.length) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
      }
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String METADATA = "__metadata__";

  /** The header is padded with spaces to this alignment, as the reference writer does. */
  private static final int ALIGNMENT = 8;

  private SafeTensors() {}

  /** Reads every tensor of {@code file} in header order; fails naming the file and the tensor. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    ByteBuffer buf = map(file);
    if (buf.capacity() < Long.BYTES) {
      throw new IOException(file + " is too short to be a safetensors file");
    }
    long headerLength = buf.getLong();
    if (headerLength <= 0 || headerLength > buf.capacity() - Long.BYTES) {
      throw new IOException(file + ": header length " + headerLength + " exceeds the file");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    buf.get(headerBytes);
    JsonNode header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
    long dataStart = Long.BYTES + headerLength;
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : header.properties()) {
      if (!e.getKey().equals(METADATA)) {
        tensors.put(e.getKey(), tensor(file, buf, dataStart, e.getKey(), e.getValue()));
      }
    }
    return tensors;
  }

  private static Tensor tensor(
      Path file, ByteBuffer buf, long dataStart, String name, JsonNode entry) throws IOException {
    String dtype = entry.path("dtype").asString("");
    long[] shape = new long[entry.path("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = entry.path("shape").get(i).asLong();
    }
    JsonNode offsets = entry.path("data_offsets");
    long begin = offsets.path(0).asLong(-1);
    long end = offsets.path(1).asLong(-1);
    int width = width(dtype);
    if (width == 0) {
      throw new IOException(file + ": tensor " + name + " has unsupported dtype '" + dtype + "'");
    }
    if (begin < 0 || end - begin != count(shape) * width || dataStart + end > buf.capacity()) {
      throw new IOException(
          file
              + ": tensor "
              + name
              + " of shape "
              + Arrays.toString(shape)
              + " and dtype "
              + dtype
              + " does not fit data_offsets "
              + offsets);
    }
    ByteBuffer data =
        buf.duplicate()
            .position(Math.toIntExact(dataStart + begin))
            .limit(Math.toIntExact(dataStart + end))
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    return new Tensor(shape, decode(dtype, data, Math.toIntExact(count(shape))));
  }

  private static int width(String dtype) {
    return switch (dtype) {
      case "F32" -> 4;
      case "BF16", "F16" -> 2;
      default -> 0;
    };
  }

  private static float[] decode(String dtype, ByteBuffer data, int n) {
    float[] values = new float[n];
    switch (dtype) {
      case "F32" -> data.asFloatBuffer().get(values);
      case "BF16" -> {
        for (int i = 0; i < n; i++) {
          values[i] = Float.intBitsToFloat((data.getShort(2 * i) & 0xFFFF) << 16);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          values[i] = HalfFloat.toFloat(data.getShort(2 * i));
        }
      }
    }
    return values;
  }

  /** Writes {@code tensors} as F32 in map order, with {@code "format": "pt"} metadata. */
  public static void write(Map<String, Tensor> tensors, Path file) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.putObject(METADATA).put("format", "pt");
    long offset = 0;
    List<Tensor> ordered = new ArrayList<>(tensors.size());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      ObjectNode entry = header.putObject(e.getKey());
      entry.put("dtype", "F32");
      var shape = entry.putArray("shape");
      Arrays.stream(t.shape()).forEach(shape::add);
      long end = offset + (long) t.values().length * Float.BYTES;
      entry.putArray("data_offsets").add(offset).add(end);
      offset = end;
      ordered.add(t);
    }
    byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(prefix.array());
      for (Tensor t : ordered) {
        ByteBuffer b =
            ByteBuffer.allocate(t.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.values());
        out.write(b.array());
      }
    }
  }

  static long count(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  private static ByteBuffer map(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
