package dev.tempered.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.model.Stories260K;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tok512.bin converted to tokenizer.json and run by the Rust tokenizers library (through DJL) gives
 * the ids llama2.c's rules give, on TinyStories validation text and on edge cases.
 */
class HfTokenizerExportTest {

  private static final int LINES = 1000;

  @TempDir Path dir;

  @Test
  void convertedTokenizerEncodesAndDecodesLikeLlama2c() throws IOException {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    HfTokenizerExport.write(tok, dir, 512);
    List<String> texts = new ArrayList<>(sampleLines());
    texts.addAll(
        List.of(
            "",
            " ",
            "a",
            "  two  spaces  ",
            "Caf\u00e9 na\u00efve \u2603 \ud83d\ude00",
            "tabs\tand\nnewlines\n",
            "Once upon a time, there was a little girl named Lily."));
    int compared = 0;
    try (HfTokenizer hf = HfTokenizer.read(dir)) {
      for (String text : texts) {
        int[] expected = tok.encode(text, false, false);
        assertThat(hf.encode(text, false)).as(text).containsExactly(expected);
        assertThat(hf.encode(text, true)).as(text).containsExactly(tok.encode(text, true, false));
        assertThat(hf.decode(tok.encode(text, true, false), true))
            .as(text)
            .isEqualTo(tok.decode(tok.encode(text, true, false)));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(texts.size());
  }

  @Test
  void mergesRankTheHighestScoredPieceFirst() throws IOException {
    Llama2cTokenizer tok = Stories260K.tokenizer();
    List<String> pieces = HfTokenizerExport.hfPieces(tok);
    assertThat(pieces.subList(0, 4)).containsExactly("<unk>", "<s>", "</s>", "<0x00>");
    List<String[]> merges = HfTokenizerExport.merges(tok, pieces);
    // BPE builds every learned piece of two or more characters from two pieces, the single
    // characters are the alphabet: exactly the former are the results of merges.
    java.util.Set<String> learnedPairs = new java.util.HashSet<>();
    for (int id = 259; id < pieces.size(); id++) {
      if (pieces.get(id).codePointCount(0, pieces.get(id).length()) > 1) {
        learnedPairs.add(pieces.get(id));
      }
    }
    assertThat(merges.stream().map(m -> m[0] + m[1]).distinct())
        .containsExactlyInAnyOrderElementsOf(learnedPairs);
    float previous = Float.POSITIVE_INFINITY;
    for (String[] m : merges) {
      float score = tok.score(pieces.indexOf(m[0] + m[1]));
      assertThat(score).isLessThanOrEqualTo(previous);
      previous = score;
    }
  }

  private static List<String> sampleLines() throws IOException {
    Path val = Stories260K.sharedRoot().resolve("data/tinystories/tinystories_val.txt");
    assumeTrue(Files.isRegularFile(val), val + " not found: skipped");
    try (var lines = Files.lines(val)) {
      return lines.filter(l -> !l.isBlank()).limit(LINES).toList();
    }
  }
}
