package dev.tempered.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DJL's tokenizers on GPT-2's byte-level BPE: a tokenizer.json assembled from the shared vocab.json
 * and merges.txt as the Hub's {@code gpt2/tokenizer.json} lays it out, checked against the ids
 * GPT-2 is known to produce (cross-checked with the Python tokenizers library 0.23.2).
 */
class HfTokenizerTest {

  /** Python tokenizers 0.23.2, BPE.from_file(vocab.json, merges.txt) with ByteLevel: ids. */
  private static final int[] EXPECTED_STORY = {
    7454, 2402, 257, 640, 11, 612, 373, 257, 1310, 2576, 3706, 20037, 13
  };

  @TempDir Path dir;

  @Test
  void encodesAndDecodesLikeGpt2() throws IOException {
    try (HfTokenizer tok = HfTokenizer.read(gpt2TokenizerJson())) {
      assertThat(tok.encode("Hello world", false)).containsExactly(15496, 995);
      assertThat(tok.encode("Hello, world!", false)).containsExactly(15496, 11, 995, 0);
      assertThat(tok.encode(" Hello", false)).containsExactly(18435);
      String text = "Once upon a time, there was a little girl named Lily.";
      int[] ids = tok.encode(text, false);
      assertThat(ids).containsExactly(EXPECTED_STORY);
      assertThat(tok.decode(ids, true)).isEqualTo(text);
      assertThat(tok.decode(new int[] {15496, 50256}, true)).isEqualTo("Hello");
      assertThat(tok.decode(new int[] {15496, 50256}, false)).isEqualTo("Hello<|endoftext|>");
    }
  }

  @Test
  void namesTheMissingFile() {
    assertThatThrownBy(() -> HfTokenizer.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no tokenizer.json at " + dir.resolve("tokenizer.json"));
  }

  private Path gpt2TokenizerJson() throws IOException {
    var root = SharedResources.find();
    Path gpt2 = root.map(r -> r.resolve("models/gpt2-tokenizer")).orElse(null);
    assumeTrue(
        gpt2 != null && Files.isRegularFile(gpt2.resolve("vocab.json")),
        "../shared/models/gpt2-tokenizer not found (set TEMPERED_SHARED_DIR): skipped");
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode doc = json.createObjectNode();
    doc.put("version", "1.0");
    doc.putNull("truncation");
    doc.putNull("padding");
    ObjectNode eos = doc.putArray("added_tokens").addObject();
    eos.put("id", 50256).put("content", "<|endoftext|>").put("single_word", false);
    eos.put("lstrip", false).put("rstrip", false).put("normalized", true).put("special", true);
    doc.putNull("normalizer");
    byteLevel(doc.putObject("pre_tokenizer")).put("use_regex", true);
    byteLevel(doc.putObject("post_processor"));
    byteLevel(doc.putObject("decoder"));
    ObjectNode model = doc.putObject("model");
    model.put("type", "BPE").putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "");
    model.put("fuse_unk", false).put("byte_fallback", false);
    model.set("vocab", json.readTree(gpt2.resolve("vocab.json").toFile()));
    ArrayNode merges = model.putArray("merges");
    List<String> lines = Files.readAllLines(gpt2.resolve("merges.txt"));
    lines.stream().filter(l -> !l.startsWith("#version") && !l.isBlank()).forEach(merges::add);
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, json.writeValueAsString(doc));
    return file;
  }

  private static ObjectNode byteLevel(ObjectNode node) {
    return node.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true);
  }
}
