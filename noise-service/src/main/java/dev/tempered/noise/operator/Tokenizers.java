package dev.tempered.noise.operator;

import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/** The tokenizers of the models under a models directory, each read once on first use. */
public final class Tokenizers implements Function<String, Llama2cTokenizer> {

  // The llama2.c header is seven int32; the sixth is the vocabulary size (negative when untied).
  private static final int HEADER_BYTES = 7 * Integer.BYTES;
  private static final int VOCAB_FIELD = 5;

  private final Supplier<Path> modelsRoot;
  private final Map<String, Llama2cTokenizer> loaded = new ConcurrentHashMap<>();

  /**
   * @param modelsRoot the models directory, asked for only when a tokenizer is first read
   */
  public Tokenizers(Supplier<Path> modelsRoot) {
    this.modelsRoot = modelsRoot;
  }

  /**
   * The tokenizer of model {@code name}.
   *
   * @throws UncheckedIOException naming the model when its files cannot be read
   */
  @Override
  public Llama2cTokenizer apply(String name) {
    return loaded.computeIfAbsent(name, this::load);
  }

  private Llama2cTokenizer load(String name) {
    Path root = modelsRoot.get();
    try {
      ModelFiles files = ModelFiles.locate(root, name);
      return files.readTokenizer(vocabSize(files.checkpoint()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the tokenizer of model " + name + " under " + root + ": " + e.getMessage(),
          e);
    }
  }

  // Only the header is read: the weights are the sampler's and trainer's business, not ours.
  private static int vocabSize(Path checkpoint) throws IOException {
    try (InputStream in = Files.newInputStream(checkpoint)) {
      byte[] header = in.readNBytes(HEADER_BYTES);
      if (header.length < HEADER_BYTES) {
        throw new IOException(checkpoint + " is shorter than a llama2.c header");
      }
      return Math.abs(
          ByteBuffer.wrap(header)
              .order(ByteOrder.LITTLE_ENDIAN)
              .getInt(VOCAB_FIELD * Integer.BYTES));
    }
  }
}
