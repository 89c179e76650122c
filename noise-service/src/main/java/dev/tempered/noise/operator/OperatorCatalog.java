package dev.tempered.noise.operator;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Creates operators by kind name. The misspelling table is read once, the first time a job asks for
 * it, so jobs that only drop words need no misspellings file.
 */
public final class OperatorCatalog {

  private final Supplier<Misspellings> misspellings;
  private volatile Misspellings loaded;

  public OperatorCatalog(Supplier<Misspellings> misspellings) {
    this.misspellings = misspellings;
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
      return new MisspellingOperator(misspellings());
    }
    if (WordDropoutOperator.KIND.equals(kind)) {
      return new WordDropoutOperator();
    }
    throw new IllegalArgumentException(
        "unknown noise operator kind '"
            + kind
            + "'; known: "
            + MisspellingOperator.KIND
            + ", "
            + WordDropoutOperator.KIND);
  }

  private Misspellings misspellings() {
    Misspellings table = loaded;
    if (table == null) {
      synchronized (this) {
        if (loaded == null) {
          loaded = misspellings.get();
        }
        table = loaded;
      }
    }
    return table;
  }
}
