package dev.tempered.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's binding of the Rust tokenizers library, read
 * from a local file only (never from the Hub; the native library comes from the DJL jar). Needs
 * {@code ai.djl.huggingface:tokenizers} on the class path: the model module declares it optional.
 */
public final class HfTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;

  private HfTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Reads {@code tokenizer.json}, or the one inside a directory. */
  public static HfTokenizer read(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
    if (!Files.isRegularFile(file)) {
      throw new IOException("no tokenizer.json at " + file);
    }
    // Special tokens only when asked per call; no truncation or padding of single texts.
    Map<String, String> options =
        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
    return new HfTokenizer(HuggingFaceTokenizer.newInstance(file, options));
  }

  /** Token ids of {@code text}, with the tokenizer's post-processor specials if asked. */
  public int[] encode(String text, boolean addSpecialTokens) {
    long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  public String decode(int[] ids, boolean skipSpecialTokens) {
    long[] wide = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      wide[i] = ids[i];
    }
    return tokenizer.decode(wide, skipSpecialTokens);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
