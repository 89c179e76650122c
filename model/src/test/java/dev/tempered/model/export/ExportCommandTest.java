package dev.tempered.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.tempered.model.Logits;
import dev.tempered.model.Stories260K;
import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.ShardedSafeTensors;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export command end to end: its arguments in, a Hugging Face folder out, read back by the
 * model module's reader and compared by logits (DESIGN.md section 3: max abs diff below 1e-5).
 */
class ExportCommandTest {

  private static final int[] TOKENS = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 5, 77};
  private static final LlamaConfig UNTIED_GQA =
      new LlamaConfig(32, 72, 2, 4, 2, 300, 64, false, 10_000.0, 1e-5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void baseModelByNameExportsWeightsConfigsAndTokenizer() throws IOException {
    LlamaWeights stories = Stories260K.weights();
    Path target = dir.resolve("hf");
    int rc =
        run(
            "--checkpoint",
            "stories260K",
            "--out",
            target.toString(),
            "--models-dir",
            Stories260K.sharedRoot().resolve("models").toString());
    assertThat(rc).as(err.toString()).isZero();
    assertSameLogits(stories, HfLlamaFormat.read(target));
    assertThat(target.resolve("model.safetensors")).isRegularFile();
    assertThat(target.resolve("tokenizer.json")).isRegularFile();
    JsonNode config = JSON.readTree(target.resolve("config.json").toFile());
    assertThat(config.path("architectures").get(0).asString()).isEqualTo("LlamaForCausalLM");
    assertThat(config.path("torch_dtype").asString()).isEqualTo("float32");
    assertThat(config.path("dtype").asString()).isEqualTo("float32");
    JsonNode generation = JSON.readTree(target.resolve("generation_config.json").toFile());
    assertThat(generation.path("bos_token_id").asInt()).isEqualTo(1);
    assertThat(generation.path("eos_token_id").get(0).asInt()).isEqualTo(2);
    assertThat(generation.path("eos_token_id").get(1).asInt()).isEqualTo(1);
    JsonNode tokenizerConfig = JSON.readTree(target.resolve("tokenizer_config.json").toFile());
    assertThat(tokenizerConfig.path("bos_token").asString()).isEqualTo("<s>");
    assertThat(tokenizerConfig.path("model_max_length").asInt()).isEqualTo(512);
    assertThat(out.toString()).contains("-> tokenizer.json");
  }

  @Test
  void trainerJobFolderExportsItsNewestVersion() throws IOException {
    Path job = dir.resolve("checkpoints").resolve("job-1");
    List<LlamaWeights> versions = new ArrayList<>();
    for (int v : new int[] {1, 2, 12}) {
      LlamaWeights w = LlamaWeights.random(UNTIED_GQA, v);
      versions.add(w);
      Llama2cFormat.write(w, job.resolve("v" + v + ".bin"));
    }
    // A write the trainer did not finish is not a checkpoint.
    Files.write(job.resolve("v13.bin.tmp"), new byte[] {1, 2, 3});
    Path target = dir.resolve("hf");
    assertThat(run("--checkpoint", job.toString(), "--out", target.toString())).isZero();
    LlamaWeights back = HfLlamaFormat.read(target);
    assertThat(back.config()).isEqualTo(UNTIED_GQA);
    // v12, not v2 (numeric, not lexical order), and exactly its weights.
    assertSameLogits(versions.get(2), back);
    assertThat(back.tensors().get("output"))
        .containsExactly(versions.get(2).tensors().get("output"));
    assertThat(out.toString()).contains("v12.bin").contains("no tokenizer written");
    assertThat(target.resolve("tokenizer.json")).doesNotExist();
  }

  @Test
  void aNewerCheckpointWithoutItsResumeStateIsAnUnfinishedWrite() throws IOException {
    Path job = dir.resolve("job");
    LlamaWeights complete = LlamaWeights.random(UNTIED_GQA, 1);
    Llama2cFormat.write(complete, job.resolve("v1.bin"));
    Files.writeString(job.resolve("v1.state.json"), "{}");
    Llama2cFormat.write(LlamaWeights.random(UNTIED_GQA, 2), job.resolve("v2.bin"));
    Path target = dir.resolve("hf");
    assertThat(run("--checkpoint", job.toString(), "--out", target.toString())).isZero();
    assertThat(out.toString()).contains("v1.bin");
    assertSameLogits(complete, HfLlamaFormat.read(target));
  }

  @Test
  void trainerCheckpointFileWithTokenizerOfTheBaseModel() throws IOException {
    LlamaWeights stories = Stories260K.weights();
    Path file = dir.resolve("v3.bin");
    Llama2cFormat.write(stories, file);
    Path target = dir.resolve("hf");
    int rc =
        run(
            "--checkpoint",
            file.toString(),
            "--out",
            target.toString(),
            "--tokenizer",
            Stories260K.sharedRoot().resolve("models/stories260K/tok512.bin").toString());
    assertThat(rc).as(err.toString()).isZero();
    assertSameLogits(stories, HfLlamaFormat.read(target));
    assertThat(target.resolve("tokenizer.json")).isRegularFile();
  }

  @Test
  void tinyShardSizeWritesShardsAndAnIndexThatReadBackIdentically() throws IOException {
    Path job = dir.resolve("job");
    LlamaWeights w = LlamaWeights.random(UNTIED_GQA, 7);
    Llama2cFormat.write(w, job.resolve("v1.bin"));
    Path target = dir.resolve("hf");
    // Embedding and classifier (300 x 32 floats = 38,400 bytes) each exceed 20KB: own shards.
    assertThat(
            run(
                "--checkpoint",
                job.toString(),
                "--out",
                target.toString(),
                "--max-shard-size",
                "20KB"))
        .isZero();
    assertThat(target.resolve("model.safetensors")).doesNotExist();
    JsonNode index = JSON.readTree(target.resolve(ShardedSafeTensors.INDEX).toFile());
    long floats = 0;
    for (long[] shape : LlamaWeights.names(UNTIED_GQA).values()) {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      floats += n;
    }
    assertThat(index.path("metadata").path("total_size").asLong()).isEqualTo(4 * floats);
    assertThat(index.path("weight_map").size()).isEqualTo(LlamaWeights.names(UNTIED_GQA).size());
    // transformers 5 order (lm_head before model.*): each of the two big tensors is a shard alone.
    JsonNode map = index.path("weight_map");
    assertThat(map.path("lm_head.weight").asString())
        .matches("model-00001-of-000\\d\\d.safetensors");
    assertThat(map.path("model.embed_tokens.weight").asString())
        .matches("model-00002-of-000\\d\\d.safetensors");
    assertThat(map.path("model.layers.0.input_layernorm.weight").asString())
        .matches("model-00003-of-000\\d\\d.safetensors");
    try (var files = Files.list(target)) {
      assertThat(files.filter(f -> f.toString().endsWith(".safetensors")).count()).isGreaterThan(2);
    }
    LlamaWeights back = HfLlamaFormat.read(target);
    w.tensors()
        .forEach((name, v) -> assertThat(back.tensors().get(name)).as(name).containsExactly(v));
    assertSameLogits(w, back);
    // Exported again without a shard size: one file, and the shards of before are gone.
    assertThat(run("--checkpoint", job.toString(), "--out", target.toString())).isZero();
    try (var files = Files.list(target)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".safetensors")))
          .containsExactly("model.safetensors");
    }
    assertThat(target.resolve(ShardedSafeTensors.INDEX)).doesNotExist();
  }

  @Test
  void missingAndCorruptCheckpointsFailNamingTheProblem() throws IOException {
    Path target = dir.resolve("hf");
    assertThat(run("--checkpoint", dir.resolve("nope.bin").toString(), "--out", target.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("checkpoint " + dir.resolve("nope.bin") + " does not exist");

    Path tiny = dir.resolve("v1.bin");
    Files.write(tiny, new byte[] {1, 0, 0, 0, 2});
    assertThat(run("--checkpoint", tiny.toString(), "--out", target.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(tiny + " is not a llama2.c checkpoint");

    Path cut = dir.resolve("v2.bin");
    Llama2cFormat.write(LlamaWeights.random(UNTIED_GQA, 1), cut);
    byte[] whole = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
    assertThat(run("--checkpoint", cut.toString(), "--out", target.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(cut + " holds " + (whole.length - 100) + " bytes");

    Path empty = Files.createDirectories(dir.resolve("empty-job"));
    assertThat(run("--checkpoint", empty.toString(), "--out", target.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(empty + " holds no trainer checkpoint v<N>.bin");

    assertThat(
            run(
                "--checkpoint",
                "noSuchModel",
                "--out",
                target.toString(),
                "--models-dir",
                dir.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("checkpoint 'noSuchModel' is neither a file, a folder, nor a model under " + dir);
    assertThat(target).doesNotExist();
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(run("--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--checkpoint is required").contains("usage:");
    assertThat(run("--checkpoint", "x", "--out", "y", "--max-shard-size", "5XB")).isEqualTo(2);
    assertThat(err.toString()).contains("max shard size '5XB' is not a positive integer");
    assertThat(run("--checkpoint", "x", "--frobnicate", "y")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown option '--frobnicate'");
  }

  private int run(String... args) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new ExportCommand(o, e).run(args);
  }

  private static void assertSameLogits(LlamaWeights a, LlamaWeights b) {
    int[] tokens = new int[TOKENS.length];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = TOKENS[i] % a.config().vocabSize();
    }
    try (LlamaModel first = LlamaModel.create(a, Device.cpu());
        LlamaModel second = LlamaModel.create(b, Device.cpu())) {
      assertThat(Logits.maxAbsDiff(Logits.of(first, tokens), Logits.of(second, tokens)))
          .isLessThan(1e-5);
    }
  }
}
