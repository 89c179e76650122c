package dev.tempered.noise.operator;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Token-level operators that see the text the way the policy's tokenizer cuts it: {@code
 * token-mask} writes the unknown token's piece over a token, {@code token-replace} puts a random
 * learned piece in its place (one that starts a word where the old one did, so word boundaries
 * stay), each with probability equal to the strength; {@code token-shuffle} moves tokens at most
 * {@code window} places ({@link LocalShuffle}).
 */
public final class TokenNoiseOperator implements NoiseOperator {

  public static final String MASK = "token-mask";
  public static final String REPLACE = "token-replace";
  public static final String SHUFFLE = "token-shuffle";

  /** Ids below this are {@code <unk>}, BOS, EOS and the 256 byte fallback tokens. */
  private static final int FIRST_LEARNED_PIECE = 259;

  private final String kind;
  private final Llama2cTokenizer tokenizer;
  private final int window;
  private final List<String> wordStarts = new ArrayList<>();
  private final List<String> wordInners = new ArrayList<>();

  private TokenNoiseOperator(String kind, Llama2cTokenizer tokenizer, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("token-shuffle window must be >= 1, was " + window);
    }
    this.kind = kind;
    this.tokenizer = tokenizer;
    this.window = window;
    for (int id = FIRST_LEARNED_PIECE; id < tokenizer.vocabSize(); id++) {
      String piece = tokenizer.piece(id);
      (piece.startsWith(" ") ? wordStarts : wordInners).add(piece);
    }
  }

  /**
   * The operator of {@code kind} over {@code tokenizer}, or null for any other kind.
   *
   * @param window how far {@code token-shuffle} moves a token at full strength
   */
  static TokenNoiseOperator of(String kind, Llama2cTokenizer tokenizer, int window) {
    return isTokenKind(kind) ? new TokenNoiseOperator(kind, tokenizer, window) : null;
  }

  static boolean isTokenKind(String kind) {
    return List.of(MASK, REPLACE, SHUFFLE).contains(kind);
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    List<TokenUnits.Unit> units = TokenUnits.of(tokenizer, text);
    TextEditor editor = new TextEditor(kind, text);
    if (kind.equals(SHUFFLE)) {
      int[] order = LocalShuffle.order(units.size(), window, strength, random);
      for (int slot = 0; slot < units.size(); slot++) {
        write(editor, units.get(slot), units.get(order[slot]).piece());
      }
      return editor.result();
    }
    for (TokenUnits.Unit unit : units) {
      if (random.nextDouble() < strength) {
        write(editor, unit, kind.equals(MASK) ? mask(unit) : randomPiece(unit, random));
      }
    }
    return editor.result();
  }

  private static void write(TextEditor editor, TokenUnits.Unit unit, String newPiece) {
    editor.replace(unit.start(), unit.end(), unit.replacement(newPiece));
  }

  private String mask(TokenUnits.Unit unit) {
    String unk = tokenizer.piece(Llama2cTokenizer.UNK);
    return unit.startsWord() ? " " + unk : unk;
  }

  // A different piece of the same kind; drawn again on a hit of the old piece itself.
  private String randomPiece(TokenUnits.Unit unit, RandomGenerator random) {
    List<String> pool = unit.startsWord() ? wordStarts : wordInners;
    String piece;
    do {
      piece = pool.get(random.nextInt(pool.size()));
    } while (piece.equals(unit.piece()) && pool.size() > 1);
    return piece;
  }
}
