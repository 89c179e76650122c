package dev.tempered.noise.operator;

import java.util.Optional;

/** Rewrites a text by a model served elsewhere; the {@code paraphrase} operator's model. */
public interface Paraphrases {

  /**
   * A paraphrase of {@code text} sampled by {@code model} with {@code seed}, or empty when the
   * model could not be asked (the failure is counted and logged by the implementation).
   */
  Optional<String> rewrite(String model, String text, long seed);
}
