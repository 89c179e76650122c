package dev.tempered.api.job;

import java.util.Map;

/**
 * Maps a noise operator kind to its family: the text unit it corrupts (character, word or token),
 * adversarial for attacks guided by the policy's gradients, or paraphrase for whole-text rewrites.
 */
public final class NoiseFamilies {

  public static final String CHARACTER = "character";
  public static final String WORD = "word";
  public static final String TOKEN = "token";
  public static final String ADVERSARIAL = "adversarial";
  public static final String PARAPHRASE = "paraphrase";

  private static final Map<String, String> FAMILY_BY_KIND =
      Map.ofEntries(
          Map.entry("misspelling", CHARACTER),
          Map.entry("keyboard-typo", CHARACTER),
          Map.entry("char-swap", CHARACTER),
          Map.entry("char-drop", CHARACTER),
          Map.entry("char-insert", CHARACTER),
          Map.entry("char-case", CHARACTER),
          Map.entry("word-dropout", WORD),
          Map.entry("word-shuffle", WORD),
          Map.entry("synonym", WORD),
          Map.entry("token-mask", TOKEN),
          Map.entry("token-replace", TOKEN),
          Map.entry("token-shuffle", TOKEN),
          Map.entry("hotflip", ADVERSARIAL),
          Map.entry("paraphrase", PARAPHRASE));

  private NoiseFamilies() {}

  /**
   * The family of a noise operator kind.
   *
   * @throws IllegalArgumentException if the kind is not a known noise operator
   */
  public static String of(String kind) {
    String family = kind == null ? null : FAMILY_BY_KIND.get(kind);
    if (family == null) {
      throw new IllegalArgumentException("unknown noise kind '" + kind + "'");
    }
    return family;
  }
}
