package dev.tempered.sampler.policy;

import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The base models under the models directory, by name. The directory is resolved on first use so
 * the service starts (and reports health) even where no model is installed yet.
 */
public final class ModelLibrary {

  private final Supplier<Path> modelsDir;
  private final Map<String, Vocabulary> vocabularies = new HashMap<>();
  private Path resolvedDir;

  public ModelLibrary(Supplier<Path> modelsDir) {
    this.modelsDir = modelsDir;
  }

  /** The base weights of model {@code name}, read fresh: each policy owns its copy. */
  public synchronized LlamaWeights baseWeights(String name) throws IOException {
    return files(name).readWeights();
  }

  /** The tokenizer and stop set of model {@code name}, read once. */
  public synchronized Vocabulary vocabulary(String name, int vocabSize) throws IOException {
    Vocabulary cached = vocabularies.get(name);
    if (cached != null) {
      return cached;
    }
    Vocabulary vocabulary = Vocabulary.of(files(name).readTokenizer(vocabSize));
    vocabularies.put(name, vocabulary);
    return vocabulary;
  }

  private ModelFiles files(String name) throws IOException {
    if (name == null || name.isBlank()) {
      throw new IOException("the job names no model");
    }
    if (resolvedDir == null) {
      resolvedDir = modelsDir.get().toAbsolutePath().normalize();
    }
    return ModelFiles.locate(resolvedDir, name);
  }
}
