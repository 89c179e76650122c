package dev.tempered.noise.operator;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates operators by kind name. Each resource (misspelling table, WordNet) is read once, the
 * first time a job asks for an operator that needs it, so jobs that only drop words need neither.
 */
public final class OperatorCatalog {

  /** Every kind this catalog creates, in the order error messages list them. */
  public static final List<String> KINDS =
      List.of(
          MisspellingOperator.KIND,
          WordDropoutOperator.KIND,
          CharacterNoiseOperator.KEYBOARD,
          CharacterNoiseOperator.SWAP,
          CharacterNoiseOperator.DROP,
          CharacterNoiseOperator.INSERT,
          CharacterNoiseOperator.CASE,
          WordShuffleOperator.KIND,
          SynonymOperator.KIND);

  private final Supplier<Misspellings> misspellings;
  private final Supplier<Synonyms> synonyms;

  /** A catalog with WordNet synonyms and the misspellings {@code misspellings} supplies. */
  public OperatorCatalog(Supplier<Misspellings> misspellings) {
    this(misspellings, WordNetSynonyms::load);
  }

  public OperatorCatalog(Supplier<Misspellings> misspellings, Supplier<Synonyms> synonyms) {
    this.misspellings = new Lazy<>(misspellings);
    this.synonyms = new Lazy<>(synonyms);
  }

  /** A catalog whose misspellings come from the JSON file at {@code file}. */
  public static OperatorCatalog fromFile(Path file) {
    return new OperatorCatalog(() -> Misspellings.load(file));
  }

  /**
   * The operator called {@code kind}.
   *
   * @throws IllegalArgumentException for a kind this service does not implement
   */
  public NoiseOperator create(String kind) {
    if (MisspellingOperator.KIND.equals(kind)) {
      return new MisspellingOperator(misspellings.get());
    }
    if (WordDropoutOperator.KIND.equals(kind)) {
      return new WordDropoutOperator();
    }
    if (WordShuffleOperator.KIND.equals(kind)) {
      return new WordShuffleOperator(WordShuffleOperator.DEFAULT_WINDOW);
    }
    if (SynonymOperator.KIND.equals(kind)) {
      return new SynonymOperator(synonyms.get());
    }
    CharacterNoiseOperator character = CharacterNoiseOperator.of(kind);
    if (character != null) {
      return character;
    }
    throw new IllegalArgumentException(
        "unknown noise operator kind '" + kind + "'; known: " + String.join(", ", KINDS));
  }
}
