package dev.tempered.noise.operator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stories260K tokenizer from ../shared for tests; skips the calling test when it is absent. */
final class Tok512 {

  static final String MODEL = "stories260K";

  private Tok512() {}

  /** The models directory, or a skipped test. */
  static Path models() {
    var root = SharedResources.find();
    assumeTrue(
        root.isPresent() && Files.isDirectory(root.get().resolve("models").resolve(MODEL)),
        "../shared/models/stories260K not found (set TEMPERED_SHARED_DIR): token tests skipped");
    return root.get().resolve("models");
  }

  private static final Tokenizers TOKENIZERS = new Tokenizers(Tok512::models);

  static Llama2cTokenizer get() {
    return TOKENIZERS.apply(MODEL);
  }
}
