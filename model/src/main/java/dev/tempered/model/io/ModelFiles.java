package dev.tempered.model.io;

import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A llama2.c model directory as {@code shared/models/<name>/} lays it out: {@code <name>.bin} and
 * {@code tok<vocab>.bin}.
 */
public record ModelFiles(Path checkpoint, Path tokenizer) {

  /** Finds the files of model {@code name} under {@code modelsRoot}. */
  public static ModelFiles locate(Path modelsRoot, String name) throws IOException {
    Path dir = modelsRoot.resolve(name).normalize();
    if (!dir.startsWith(modelsRoot.normalize())) {
      throw new IOException("model name " + name + " points outside " + modelsRoot);
    }
    Path checkpoint = dir.resolve(name + ".bin");
    if (!Files.isRegularFile(checkpoint)) {
      throw new IOException("model " + name + ": no checkpoint at " + checkpoint);
    }
    try (var files = Files.list(dir)) {
      Path tokenizer =
          files
              .filter(f -> f.getFileName().toString().matches("tok\\d+\\.bin"))
              .findFirst()
              .orElseThrow(
                  () -> new IOException("model " + name + ": no tok<N>.bin tokenizer in " + dir));
      return new ModelFiles(checkpoint, tokenizer);
    }
  }

  public LlamaWeights readWeights() throws IOException {
    return Llama2cFormat.read(checkpoint);
  }

  public Llama2cTokenizer readTokenizer(int vocabSize) throws IOException {
    return Llama2cTokenizer.read(tokenizer, vocabSize);
  }
}
