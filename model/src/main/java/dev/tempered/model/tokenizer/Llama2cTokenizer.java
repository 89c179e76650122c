package dev.tempered.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SentencePiece-style BPE tokenizer of llama2.c ({@code tok512.bin}): code points map to pieces
 * or fall back to byte tokens, then the adjacent pair with the highest merge score is merged until
 * none is left.
 */
public final class Llama2cTokenizer {

  public static final int UNK = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;

  /** Byte b is token {@code b + BYTE_OFFSET} when no piece covers it. */
  private static final int BYTE_OFFSET = 3;

  private final String[] pieces;
  private final byte[][] pieceBytes;
  private final float[] scores;
  private final Map<String, Integer> ids = new HashMap<>();

  private Llama2cTokenizer(String[] pieces, byte[][] pieceBytes, float[] scores) {
    this.pieces = pieces;
    this.pieceBytes = pieceBytes;
    this.scores = scores;
    for (int i = 0; i < pieces.length; i++) {
      ids.putIfAbsent(pieces[i], i);
    }
  }

  /** Reads {@code tok512.bin}-style files; the vocab size comes from the model header. */
  public static Llama2cTokenizer read(Path file, int vocabSize) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    buf.getInt(); // max token length: only a buffer size hint for the C implementation
    String[] pieces = new String[vocabSize];
    byte[][] bytes = new byte[vocabSize][];
    float[] scores = new float[vocabSize];
    for (int i = 0; i < vocabSize; i++) {
      if (buf.remaining() < 8) {
        throw new IOException(file + " ends after " + i + " of " + vocabSize + " tokens");
      }
      scores[i] = buf.getFloat();
      int len = buf.getInt();
      bytes[i] = new byte[len];
      buf.get(bytes[i]);
      pieces[i] = new String(bytes[i], StandardCharsets.UTF_8);
    }
    return new Llama2cTokenizer(pieces, bytes, scores);
  }

  public int vocabSize() {
    return pieces.length;
  }

  /** The piece text of a token id (byte tokens read {@code <0xHH>}). */
  public String piece(int id) {
    return pieces[id];
  }

  /** The merge score of a token id: a pair merges into the piece with the highest score first. */
  public float score(int id) {
    return scores[id];
  }

  /** Encodes text as llama2.c does, optionally with BOS first and EOS last. */
  public int[] encode(String text, boolean bos, boolean eos) {
    List<Integer> tokens = new ArrayList<>();
    if (bos) {
      tokens.add(BOS);
    }
    int start = tokens.size();
    if (!text.isEmpty()) {
      // SentencePiece's dummy prefix: a leading space piece before non-empty text.
      tokens.add(ids.get(" "));
    }
    text.codePoints()
        .forEach(
            cp -> {
              String s = new String(Character.toChars(cp));
              Integer id = ids.get(s);
              if (id != null) {
                tokens.add(id);
              } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                  tokens.add((b & 0xFF) + BYTE_OFFSET);
                }
              }
            });
    mergePairs(tokens, start);
    if (eos) {
      tokens.add(EOS);
    }
    return tokens.stream().mapToInt(Integer::intValue).toArray();
  }

  private void mergePairs(List<Integer> tokens, int start) {
    while (true) {
      float bestScore = Float.NEGATIVE_INFINITY;
      int bestId = -1;
      int bestIndex = -1;
      for (int i = start; i < tokens.size() - 1; i++) {
        Integer merged = ids.get(pieces[tokens.get(i)] + pieces[tokens.get(i + 1)]);
        if (merged != null && scores[merged] > bestScore) {
          bestScore = scores[merged];
          bestId = merged;
          bestIndex = i;
        }
      }
      if (bestIndex < 0) {
        return;
      }
      tokens.set(bestIndex, bestId);
      tokens.remove(bestIndex + 1);
    }
  }

  /**
   * Decodes a token sequence; a leading space piece right after BOS is dropped, byte tokens become
   * bytes.
   */
  public String decode(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int prev = -1;
    for (int token : tokens) {
      if (token == BOS || token == EOS) {
        prev = token;
        continue;
      }
      byte[] bytes = pieceBytes[token];
      if (token >= BYTE_OFFSET && token < BYTE_OFFSET + 256 && pieces[token].startsWith("<0x")) {
        bytes = new byte[] {(byte) (token - BYTE_OFFSET)};
      } else if (prev == BOS && bytes.length > 0 && bytes[0] == ' ') {
        out.write(bytes, 1, bytes.length - 1);
        prev = token;
        continue;
      }
      out.write(bytes, 0, bytes.length);
      prev = token;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Decodes a completion that continues a prompt: nothing is stripped. */
  public String decodeContinuation(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int token : tokens) {
      if (token == BOS || token == EOS) {
        continue;
      }
      if (token >= BYTE_OFFSET && token < BYTE_OFFSET + 256 && pieces[token].startsWith("<0x")) {
        out.write(token - BYTE_OFFSET);
      } else {
        out.write(pieceBytes[token], 0, pieceBytes[token].length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
