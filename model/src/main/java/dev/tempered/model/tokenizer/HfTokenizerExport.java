package dev.tempered.model.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts a llama2.c tokenizer into Hugging Face's files in the layout of the Hub's SentencePiece
 * Llama tokenizers ({@code tokenizer.json} with a byte-fallback BPE model, {@code
 * tokenizer_config.json}, {@code special_tokens_map.json}). The merges are derived as transformers'
 * {@code SentencePieceExtractor} derives them: every split of a piece into two pieces, ranked by
 * the merged piece's score, highest first, so that BPE merges the same pairs in the same order as
 * {@link Llama2cTokenizer#encode}.
 */
public final class HfTokenizerExport {

  /** SentencePiece's word marker, which llama2.c stores as a plain space. */
  private static final String MARKER = "\u2581";

  private static final String[] SPECIALS = {"<unk>", "<s>", "</s>"};
  private static final int FIRST_LEARNED = 3 + 256;
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private HfTokenizerExport() {}

  /** Writes the three files into {@code dir}; {@code maxLength} is the model's context length. */
  public static void write(Llama2cTokenizer tok, Path dir, int maxLength) throws IOException {
    List<String> pieces = hfPieces(tok);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("tokenizer.json"), JSON.writeValueAsString(tokenizer(tok, pieces)));
    Files.writeString(
        dir.resolve("tokenizer_config.json"), JSON.writeValueAsString(config(maxLength)));
    ObjectNode map = JSON.createObjectNode();
    map.put("bos_token", SPECIALS[1]).put("eos_token", SPECIALS[2]).put("unk_token", SPECIALS[0]);
    Files.writeString(dir.resolve("special_tokens_map.json"), JSON.writeValueAsString(map));
  }

  /** The HF piece of each id: specials renamed, spaces as the word marker; ids must be unique. */
  static List<String> hfPieces(Llama2cTokenizer tok) throws IOException {
    if (tok.vocabSize() < FIRST_LEARNED) {
      throw new IOException(
          "a llama2.c tokenizer has 3 specials and 256 byte tokens first; this one has only "
              + tok.vocabSize()
              + " tokens");
    }
    List<String> pieces = new ArrayList<>(tok.vocabSize());
    Map<String, Integer> seen = new HashMap<>();
    for (int id = 0; id < tok.vocabSize(); id++) {
      String piece = id < SPECIALS.length ? SPECIALS[id] : tok.piece(id).replace(" ", MARKER);
      if (id >= SPECIALS.length && id < FIRST_LEARNED && !piece.matches("<0x[0-9A-F]{2}>")) {
        throw new IOException(
            "token " + id + " should be a byte token <0xHH> but is '" + piece + "'");
      }
      Integer earlier = seen.putIfAbsent(piece, id);
      if (earlier != null) {
        // A vocab map cannot hold the same piece twice: the conversion would not be faithful.
        throw new IOException(
            "tokens " + earlier + " and " + id + " are both '" + piece + "': no tokenizer.json");
      }
      pieces.add(piece);
    }
    return pieces;
  }

  private static ObjectNode tokenizer(Llama2cTokenizer tok, List<String> pieces) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("version", "1.0");
    doc.putNull("truncation");
    doc.putNull("padding");
    ArrayNode added = doc.putArray("added_tokens");
    for (int id = 0; id < SPECIALS.length; id++) {
      ObjectNode t = added.addObject().put("id", id).put("content", SPECIALS[id]);
      t.put("single_word", false).put("lstrip", false).put("rstrip", false);
      t.put("normalized", false).put("special", true);
    }
    ObjectNode normalizer = doc.putObject("normalizer").put("type", "Sequence");
    ArrayNode normalizers = normalizer.putArray("normalizers");
    // The dummy prefix: one marker before non-empty text, then every space a marker.
    normalizers.addObject().put("type", "Prepend").put("prepend", MARKER);
    ObjectNode replace = normalizers.addObject().put("type", "Replace");
    replace.putObject("pattern").put("String", " ");
    replace.put("content", MARKER);
    doc.putNull("pre_tokenizer");
    doc.set("post_processor", bosTemplate());
    doc.set("decoder", decoder());
    ObjectNode model = doc.putObject("model").put("type", "BPE").putNull("dropout");
    model.put("unk_token", SPECIALS[0]);
    model.putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
    model.put("fuse_unk", true).put("byte_fallback", true).put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < pieces.size(); id++) {
      vocab.put(pieces.get(id), id);
    }
    ArrayNode merges = model.putArray("merges");
    for (String[] m : merges(tok, pieces)) {
      merges.addArray().add(m[0]).add(m[1]);
    }
    return doc;
  }

  /**
   * Every (left, right) pair of pieces that concatenates to a learned piece, highest merged score
   * first; pairs of one piece by ascending left then right id, as transformers orders them.
   */
  static List<String[]> merges(Llama2cTokenizer tok, List<String> pieces) {
    Map<String, Integer> ids = new HashMap<>();
    for (int id = 0; id < pieces.size(); id++) {
      ids.put(pieces.get(id), id);
    }
    List<int[]> found = new ArrayList<>();
    for (int id = FIRST_LEARNED; id < pieces.size(); id++) {
      String merged = pieces.get(id);
      int[] points = merged.codePoints().toArray();
      for (int split = 1; split < points.length; split++) {
        Integer left = ids.get(new String(points, 0, split));
        Integer right = ids.get(new String(points, split, points.length - split));
        if (left != null && right != null) {
          found.add(new int[] {left, right, id});
        }
      }
    }
    found.sort(
        Comparator.<int[]>comparingDouble(m -> -tok.score(m[2]))
            .thenComparingInt(m -> m[2])
            .thenComparingInt(m -> m[0])
            .thenComparingInt(m -> m[1]));
    return found.stream().map(m -> new String[] {pieces.get(m[0]), pieces.get(m[1])}).toList();
  }

  /** BOS before every text when special tokens are asked for, as llama2.c's encode(bos=true). */
  private static ObjectNode bosTemplate() {
    ObjectNode p = JSON.createObjectNode().put("type", "TemplateProcessing");
    ArrayNode single = p.putArray("single");
    single.addObject().putObject("SpecialToken").put("id", SPECIALS[1]).put("type_id", 0);
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    ArrayNode pair = p.putArray("pair");
    pair.addObject().putObject("SpecialToken").put("id", SPECIALS[1]).put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    pair.addObject().putObject("SpecialToken").put("id", SPECIALS[1]).put("type_id", 1);
    pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
    ObjectNode bos = p.putObject("special_tokens").putObject(SPECIALS[1]);
    bos.put("id", SPECIALS[1]);
    bos.putArray("ids").add(1);
    bos.putArray("tokens").add(SPECIALS[1]);
    return p;
  }

  /** Markers back to spaces, byte tokens to bytes, and the dummy prefix's space stripped. */
  private static ObjectNode decoder() {
    ObjectNode d = JSON.createObjectNode().put("type", "Sequence");
    ArrayNode decoders = d.putArray("decoders");
    ObjectNode replace = decoders.addObject().put("type", "Replace");
    replace.putObject("pattern").put("String", MARKER);
    replace.put("content", " ");
    decoders.addObject().put("type", "ByteFallback");
    decoders.addObject().put("type", "Fuse");
    decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
    return d;
  }

  private static ObjectNode config(int maxLength) {
    ObjectNode c = JSON.createObjectNode();
    // The generic fast tokenizer runs tokenizer.json as written (LlamaTokenizer would rebuild it).
    c.put("tokenizer_class", "PreTrainedTokenizerFast");
    c.put("bos_token", SPECIALS[1]).put("eos_token", SPECIALS[2]).put("unk_token", SPECIALS[0]);
    c.putNull("pad_token");
    c.put("add_bos_token", true).put("add_eos_token", false);
    c.put("clean_up_tokenization_spaces", false);
    c.put("model_max_length", maxLength);
    return c;
  }
}
