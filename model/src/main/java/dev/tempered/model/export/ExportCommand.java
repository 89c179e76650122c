package dev.tempered.model.export;

import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.tokenizer.HfTokenizerExport;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code ./tempered export}: writes a trainer checkpoint or base model as a Hugging Face Llama
 * folder that {@code LlamaForCausalLM.from_pretrained} loads, with the tokenizer converted when one
 * is known.
 */
public final class ExportCommand {

  private final PrintStream out;
  private final PrintStream err;

  public ExportCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new ExportCommand(System.out, System.err).run(args));
  }

  /** Exit status: 0 written, 1 the export failed, 2 bad arguments. */
  public int run(String[] args) {
    ExportOptions options;
    try {
      options = ExportOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("tempered export: " + e.getMessage());
      err.print(ExportOptions.USAGE);
      return 2;
    }
    try {
      export(options);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("tempered export: " + e.getMessage());
      return 1;
    }
  }

  private void export(ExportOptions options) throws IOException {
    Supplier<Path> models =
        () -> options.modelsDir().orElseGet(() -> SharedResources.require().resolve("models"));
    CheckpointSource source = CheckpointSource.resolve(options.checkpoint(), models);
    LlamaWeights weights = source.weights();
    if (Files.isRegularFile(options.out())) {
      throw new IOException("--out " + options.out() + " is a file, not a folder");
    }
    // The tokenizer is read before anything is written, so a bad one leaves no half export.
    Optional<Path> tokenizerFile = tokenizerFile(options, source, models);
    Optional<Llama2cTokenizer> tokenizer = Optional.empty();
    if (tokenizerFile.isPresent()) {
      tokenizer =
          Optional.of(Llama2cTokenizer.read(tokenizerFile.get(), weights.config().vocabSize()));
    }
    HfLlamaFormat.write(
        weights,
        options.out(),
        Llama2cTokenizer.BOS,
        Llama2cTokenizer.EOS,
        options.maxShardBytes());
    out.println(
        "tempered export: "
            + source.from()
            + " ("
            + weights.config().parameterCount()
            + " parameters) -> "
            + options.out());
    if (tokenizer.isPresent()) {
      HfTokenizerExport.write(tokenizer.get(), options.out(), weights.config().seqLen());
      out.println("tempered export: tokenizer " + tokenizerFile.get() + " -> tokenizer.json");
    } else {
      out.println("tempered export: no tokenizer written (name one with --tokenizer)");
    }
  }

  private static Optional<Path> tokenizerFile(
      ExportOptions options, CheckpointSource source, Supplier<Path> models) throws IOException {
    if (options.tokenizer().isEmpty()) {
      return source.tokenizer();
    }
    String name = options.tokenizer().get();
    Path path = Path.of(name);
    if (Files.isRegularFile(path)) {
      return Optional.of(path);
    }
    if (path.getNameCount() == 1 && Files.isDirectory(models.get().resolve(name))) {
      return Optional.of(ModelFiles.locate(models.get(), name).tokenizer());
    }
    throw new IOException(
        "--tokenizer " + name + " is neither a tok<N>.bin file nor a model under " + models.get());
  }
}
