package dev.tempered.model.export;

import dev.tempered.model.io.ShardSize;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The export command's arguments.
 *
 * @param checkpoint a llama2.c file, a trainer job's checkpoint folder, a Hugging Face folder, or a
 *     base model name under the models root
 * @param out the folder to write
 * @param maxShardBytes the largest safetensors file; {@link Long#MAX_VALUE} means one file
 * @param tokenizer a {@code tok<N>.bin} file or model name whose tokenizer to convert, if any
 * @param modelsDir where base models live, when given
 */
record ExportOptions(
    String checkpoint,
    Path out,
    long maxShardBytes,
    Optional<String> tokenizer,
    Optional<Path> modelsDir) {

  static final String USAGE =
      """
      usage: ./tempered export --checkpoint CHECKPOINT --out DIR [--max-shard-size SIZE]
                               [--tokenizer TOKENIZER] [--models-dir DIR]

        --checkpoint      a trainer checkpoint file (v<N>.bin), a job's checkpoint folder (its
                          newest v<N>.bin), a Hugging Face folder, or a base model name such as
                          stories260K (under --models-dir)
        --out             the folder to write: config.json, generation_config.json, the weights
                          (model.safetensors, or shards and model.safetensors.index.json), and
                          tokenizer.json with its configs when a tokenizer is known
        --max-shard-size  split the weights into shards of at most SIZE, as save_pretrained does
                          (5GB, 500MB, 2GiB, or bytes); default one file
        --tokenizer       the llama2.c tokenizer (tok<N>.bin) or base model name whose tokenizer
                          to convert; default the model's own when --checkpoint is a model name
        --models-dir      where base models live (default <shared>/models)
      """;

  /** Parses {@code --name value} pairs; fails naming the option that is unknown or missing. */
  static ExportOptions parse(String[] args) {
    String checkpoint = null;
    Path out = null;
    long maxShard = Long.MAX_VALUE;
    String tokenizer = null;
    Path models = null;
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[i + 1];
      switch (name) {
        case "--checkpoint" -> checkpoint = value;
        case "--out" -> out = Path.of(value);
        case "--max-shard-size" -> maxShard = ShardSize.parse(value);
        case "--tokenizer" -> tokenizer = value;
        case "--models-dir" -> models = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    if (checkpoint == null || checkpoint.isBlank()) {
      throw new IllegalArgumentException("--checkpoint is required");
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    return new ExportOptions(
        checkpoint, out, maxShard, Optional.ofNullable(tokenizer), Optional.ofNullable(models));
  }
}
