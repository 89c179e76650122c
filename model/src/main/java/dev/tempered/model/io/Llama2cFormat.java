package dev.tempered.model.io;

import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes llama2.c "legacy" checkpoints: a 7-int32 header, then fp32 tensors in a fixed
 * order with the RoPE tables between the final norm and an untied classifier. A negative vocab size
 * in the header means the classifier is untied. Any sizes, grouped-query attention included; RoPE
 * theta (10000) and the norm epsilon (1e-5) are fixed by the format.
 */
public final class Llama2cFormat {

  private static final int HEADER_INTS = 7;

  private Llama2cFormat() {}

  /**
   * Reads a checkpoint; fails naming the file when it is shorter or longer than its header says.
   */
  public static LlamaWeights read(Path file) throws IOException {
    ByteBuffer buf = map(file);
    int dim = buf.getInt();
    int hidden = buf.getInt();
    int layers = buf.getInt();
    int heads = buf.getInt();
    int kvHeads = buf.getInt();
    int vocab = buf.getInt();
    int seqLen = buf.getInt();
    LlamaConfig config =
        new LlamaConfig(
            dim,
            hidden,
            layers,
            heads,
            kvHeads,
            Math.abs(vocab),
            seqLen,
            vocab > 0,
            LlamaConfig.DEFAULT_ROPE_THETA,
            LlamaConfig.DEFAULT_NORM_EPS);
    long expected = expectedBytes(config);
    if (buf.capacity() != expected) {
      throw new IOException(
          file
              + " holds "
              + buf.capacity()
              + " bytes but its header "
              + config
              + " needs "
              + expected);
    }
    Map<String, float[]> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : LlamaWeights.names(config).entrySet()) {
      if (e.getKey().equals("output")) {
        buf.position(buf.position() + ropeTableBytes(config));
      }
      float[] values = new float[Math.toIntExact(count(e.getValue()))];
      buf.asFloatBuffer().get(values);
      buf.position(buf.position() + values.length * Float.BYTES);
      tensors.put(e.getKey(), values);
    }
    return new LlamaWeights(config, tensors);
  }

  /** Writes weights in the same format, RoPE tables included, so llama2.c's run.c can load them. */
  public static void write(LlamaWeights weights, Path file) throws IOException {
    LlamaConfig c = weights.config();
    if (c.ropeTheta() != LlamaConfig.DEFAULT_ROPE_THETA
        || c.normEps() != LlamaConfig.DEFAULT_NORM_EPS) {
      // The header has no field for them: reading the file back would silently change the model.
      throw new IOException(
          "llama2.c checkpoints fix RoPE theta at 10000 and the norm epsilon at 1e-5; "
              + file
              + " cannot hold rope theta "
              + c.ropeTheta()
              + " and epsilon "
              + c.normEps()
              + " (write Hugging Face format instead)");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    ByteBuffer header =
        ByteBuffer.allocate(HEADER_INTS * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    header
        .putInt(c.dim())
        .putInt(c.hiddenDim())
        .putInt(c.layers())
        .putInt(c.heads())
        .putInt(c.kvHeads())
        .putInt(c.sharedClassifier() ? c.vocabSize() : -c.vocabSize())
        .putInt(c.seqLen());
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header.array());
      for (Map.Entry<String, long[]> e : LlamaWeights.names(c).entrySet()) {
        if (e.getKey().equals("output")) {
          writeFloats(out, ropeTables(c));
        }
        float[] values = weights.tensors().get(e.getKey());
        if (values == null || values.length != count(e.getValue())) {
          throw new IOException("tensor " + e.getKey() + " is missing or has the wrong size");
        }
        writeFloats(out, values);
      }
      if (c.sharedClassifier()) {
        writeFloats(out, ropeTables(c));
      }
    }
  }

  private static float[] ropeTables(LlamaConfig c) {
    int half = c.headSize() / 2;
    float[] tables = new float[2 * c.seqLen() * half];
    for (int pos = 0; pos < c.seqLen(); pos++) {
      for (int i = 0; i < half; i++) {
        double freq = 1.0 / Math.pow(c.ropeTheta(), (2.0 * i) / c.headSize());
        tables[pos * half + i] = (float) Math.cos(pos * freq);
        tables[c.seqLen() * half + pos * half + i] = (float) Math.sin(pos * freq);
      }
    }
    return tables;
  }

  private static void writeFloats(OutputStream out, float[] values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    out.write(b.array());
  }

  private static long expectedBytes(LlamaConfig c) {
    long floats = 0;
    for (long[] shape : LlamaWeights.names(c).values()) {
      floats += count(shape);
    }
    return HEADER_INTS * Integer.BYTES + floats * Float.BYTES + ropeTableBytes(c);
  }

  private static int ropeTableBytes(LlamaConfig c) {
    return c.seqLen() * (c.headSize() / 2) * 2 * Float.BYTES;
  }

  private static long count(long[] shape) {
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
