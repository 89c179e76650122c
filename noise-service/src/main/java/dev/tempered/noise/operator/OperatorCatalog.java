package dev.tempered.noise.operator;

import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates operators by kind name. Each resource (misspelling table, WordNet, a model's tokenizer)
 * is read once, the first time a job asks for an operator that needs it, so jobs that only drop
 * words need none of them.
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
          SynonymOperator.KIND,
          TokenNoiseOperator.MASK,
          TokenNoiseOperator.REPLACE,
          TokenNoiseOperator.SHUFFLE,
          HotFlipOperator.KIND,
          ParaphraseOperator.KIND);

  private final Supplier<Misspellings> misspellings;
  private final Supplier<Synonyms> synonyms;
  private final Function<String, Llama2cTokenizer> tokenizers;
  private final Policies policies;
  private final Paraphrases paraphrases;

  /** A catalog with WordNet synonyms, the misspellings {@code misspellings} supplies, no models. */
  public OperatorCatalog(Supplier<Misspellings> misspellings) {
    this(misspellings, WordNetSynonyms::load);
  }

  /** A catalog without models: token-level kinds are refused. */
  public OperatorCatalog(Supplier<Misspellings> misspellings, Supplier<Synonyms> synonyms) {
    this(
        misspellings,
        synonyms,
        model -> {
          throw new IllegalArgumentException("no models directory is configured");
        });
  }

  /** A catalog without policies: the adversarial kinds are refused. */
  public OperatorCatalog(
      Supplier<Misspellings> misspellings,
      Supplier<Synonyms> synonyms,
      Function<String, Llama2cTokenizer> tokenizers) {
    this(
        misspellings,
        synonyms,
        tokenizers,
        new Policies() {
          @Override
          public <T> T withPolicy(String jobId, String model, Task<T> task) {
            throw new IllegalArgumentException("no policies are configured for adversarial noise");
          }
        });
  }

  /** A catalog without a paraphrase model: the {@code paraphrase} kind is refused. */
  public OperatorCatalog(
      Supplier<Misspellings> misspellings,
      Supplier<Synonyms> synonyms,
      Function<String, Llama2cTokenizer> tokenizers,
      Policies policies) {
    this(misspellings, synonyms, tokenizers, policies, null);
  }

  /**
   * @param tokenizers the tokenizer of a model by name, for the token-level kinds
   * @param policies the current policy of a job, for the adversarial kinds
   * @param paraphrases the model that rewrites prompts for {@code paraphrase}; null for none
   */
  public OperatorCatalog(
      Supplier<Misspellings> misspellings,
      Supplier<Synonyms> synonyms,
      Function<String, Llama2cTokenizer> tokenizers,
      Policies policies,
      Paraphrases paraphrases) {
    this.misspellings = new Lazy<>(misspellings);
    this.synonyms = new Lazy<>(synonyms);
    this.tokenizers = tokenizers;
    this.policies = policies;
    this.paraphrases = paraphrases;
  }

  /** The operator called {@code kind}; token-level kinds need {@link #create(String, String)}. */
  public NoiseOperator create(String kind) {
    return create(kind, null);
  }

  /** The operator called {@code kind} with default settings for a job on {@code model}. */
  public NoiseOperator create(String kind, String model) {
    return create(new NoiseOperatorSpec(kind, 1.0, kind), model);
  }

  /**
   * The operator {@code spec} declares for a job on {@code model}, whose tokenizer the token-level
   * kinds cut text with.
   *
   * @throws IllegalArgumentException for a kind this service does not implement, or a token-level
   *     kind without a model
   */
  public NoiseOperator create(NoiseOperatorSpec spec, String model) {
    return create(spec, model, null);
  }

  /**
   * The operator {@code spec} declares for job {@code jobId} on {@code model}; the adversarial
   * kinds attack that job's current policy (the base model itself when {@code jobId} is null).
   *
   * @throws IllegalArgumentException for a kind this service does not implement, or a token-level
   *     kind without a model
   */
  public NoiseOperator create(NoiseOperatorSpec spec, String model, String jobId) {
    String kind = spec.kind();
    if (ParaphraseOperator.KIND.equals(kind)) {
      if (paraphrases == null) {
        throw new IllegalArgumentException(
            "noise operator 'paraphrase' needs a paraphrase endpoint, and none is configured");
      }
      return new ParaphraseOperator(paraphrases, model);
    }
    if (HotFlipOperator.KIND.equals(kind)) {
      return new HotFlipOperator(
          tokenizers.apply(requireModel(kind, model)), policies, jobId, model);
    }
    if (TokenNoiseOperator.isTokenKind(kind)) {
      return TokenNoiseOperator.of(
          kind, tokenizers.apply(requireModel(kind, model)), spec.windowOrDefault());
    }
    if (MisspellingOperator.KIND.equals(kind)) {
      return new MisspellingOperator(misspellings.get());
    }
    if (WordDropoutOperator.KIND.equals(kind)) {
      return new WordDropoutOperator();
    }
    if (WordShuffleOperator.KIND.equals(kind)) {
      return new WordShuffleOperator(spec.windowOrDefault());
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

  private static String requireModel(String kind, String model) {
    if (model == null) {
      throw new IllegalArgumentException(
          "noise operator '" + kind + "' is token-level and needs the job's model");
    }
    return model;
  }
}
