package dev.tempered.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads the real stories260K model for tests, or skips the test when ../shared is absent. */
public final class Stories260K {

  private static LlamaWeights weights;
  private static Llama2cTokenizer tokenizer;

  private Stories260K() {}

  public static synchronized LlamaWeights weights() {
    load();
    return weights;
  }

  public static synchronized Llama2cTokenizer tokenizer() {
    load();
    return tokenizer;
  }

  public static LlamaModel model() {
    return LlamaModel.create(weights(), Device.cpu());
  }

  private static void load() {
    if (weights != null) {
      return;
    }
    var root = SharedResources.find();
    assumeTrue(
        root.isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): stories260K tests skipped");
    try {
      ModelFiles files = ModelFiles.locate(root.get().resolve("models"), "stories260K");
      weights = files.readWeights();
      tokenizer = files.readTokenizer(weights.config().vocabSize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path sharedRoot() {
    return SharedResources.require();
  }
}
