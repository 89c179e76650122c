package dev.tempered.sampler.policy;

import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.Set;

/** A model's tokenizer with the stop set computed once from its pieces. */
public record Vocabulary(Llama2cTokenizer tokenizer, Set<Integer> stopIds) {

  public static Vocabulary of(Llama2cTokenizer tokenizer) {
    return new Vocabulary(tokenizer, StopTokens.of(tokenizer));
  }
}
