package dev.tempered.model.export;

import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an export reads: the weights behind a {@code --checkpoint} argument and, for a base model,
 * the tokenizer beside them. Trainer checkpoints are llama2.c files {@code v<version>.bin} in one
 * folder per job (trainer-service's CheckpointStore).
 *
 * @param weights the policy to export
 * @param from the file or folder read
 * @param tokenizer the model's {@code tok<N>.bin} when the argument was a base model name
 */
record CheckpointSource(LlamaWeights weights, Path from, Optional<Path> tokenizer) {

  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.bin");

  /** Resolves {@code checkpoint}; fails naming what is missing or unreadable. */
  static CheckpointSource resolve(String checkpoint, Supplier<Path> modelsDir) throws IOException {
    Path path = Path.of(checkpoint);
    if (Files.isRegularFile(path)) {
      return new CheckpointSource(llama2c(path), path, Optional.empty());
    }
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(HfLlamaFormat.CONFIG))) {
        return new CheckpointSource(HfLlamaFormat.read(path), path, Optional.empty());
      }
      Path newest = newestVersion(path);
      return new CheckpointSource(llama2c(newest), newest, Optional.empty());
    }
    if (path.getNameCount() == 1 && !checkpoint.contains(".")) {
      Path models = modelsDir.get();
      if (Files.isDirectory(models.resolve(checkpoint))) {
        ModelFiles files = ModelFiles.locate(models, checkpoint);
        return new CheckpointSource(
            llama2c(files.checkpoint()), files.checkpoint(), Optional.of(files.tokenizer()));
      }
      throw new IOException(
          "checkpoint '"
              + checkpoint
              + "' is neither a file, a folder, nor a model under "
              + models);
    }
    throw new IOException("checkpoint " + path + " does not exist");
  }

  /**
   * The highest-numbered {@code v<N>.bin} in a trainer job folder; where the trainer keeps resume
   * states ({@code v<N>.state.json}, written last), only a version that has one, since a newer file
   * without it is a write the trainer did not finish.
   */
  static Path newestVersion(Path dir) throws IOException {
    boolean withStates;
    try (var files = Files.list(dir)) {
      withStates = files.anyMatch(f -> f.getFileName().toString().matches("v\\d+\\.state\\.json"));
    }
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> VERSION.matcher(f.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .filter(f -> !withStates || Files.isRegularFile(stateOf(f)))
          .max(Comparator.comparingLong(CheckpointSource::version))
          .orElseThrow(
              () ->
                  new IOException(
                      dir
                          + " holds no trainer checkpoint v<N>.bin and no Hugging Face "
                          + HfLlamaFormat.CONFIG));
    }
  }

  private static Path stateOf(Path checkpoint) {
    return checkpoint.resolveSibling("v" + version(checkpoint) + ".state.json");
  }

  private static long version(Path file) {
    Matcher m = VERSION.matcher(file.getFileName().toString());
    m.matches();
    return Long.parseLong(m.group(1));
  }

  private static LlamaWeights llama2c(Path file) throws IOException {
    try {
      return Llama2cFormat.read(file);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      // A header too short to read, or one with impossible sizes: not a checkpoint at all.
      throw new IOException(
          file
              + " is not a llama2.c checkpoint: "
              + (e.getMessage() == null ? "too short" : e.getMessage()),
          e);
    }
  }
}
