package dev.tempered.noise.operator;

/** One WordNet dictionary for all tests of this module: loading it takes seconds. */
final class SharedWordNet {

  private static final Lazy<WordNetSynonyms> INSTANCE = new Lazy<>(WordNetSynonyms::load);

  private SharedWordNet() {}

  static WordNetSynonyms get() {
    return INSTANCE.get();
  }
}
