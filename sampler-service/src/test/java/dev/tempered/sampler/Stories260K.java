package dev.tempered.sampler;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The real stories260K model for tests, or a skip when ../shared is absent. */
public final class Stories260K {

  public static final String NAME = "stories260K";

  private static LlamaWeights weights;
  private static Llama2cTokenizer tokenizer;

  private Stories260K() {}

  /** The models directory; skips the calling test when ../shared cannot be found. */
  public static Path modelsDir() {
    var root = SharedResources.find();
    assumeTrue(
        root.isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): stories260K tests skipped");
    return root.get().resolve("models");
  }

  public static synchronized LlamaWeights weights() {
    load();
    return weights;
  }

  public static synchronized Llama2cTokenizer tokenizer() {
    load();
    return tokenizer;
  }

  private static void load() {
    if (weights != null) {
      return;
    }
    try {
      ModelFiles files = ModelFiles.locate(modelsDir(), NAME);
      weights = files.readWeights();
      tokenizer = files.readTokenizer(weights.config().vocabSize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
