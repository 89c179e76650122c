package dev.tempered.noise.operator;

import dev.tempered.api.message.NoiseOp;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code paraphrase}: with probability equal to the strength the whole prompt is replaced by a
 * paraphrase that a model samples (at the configured temperature, with a seed drawn from the
 * prompt's generator, so the same seed asks the same question). The change is one op over the whole
 * text. When the model cannot be asked, or answers blank or the text itself, the prompt passes
 * through clean.
 */
public final class ParaphraseOperator implements NoiseOperator {

  public static final String KIND = "paraphrase";

  private final Paraphrases paraphrases;
  private final String model;

  /**
   * @param model the model name the paraphrase is asked of, e.g. the job's base model
   */
  ParaphraseOperator(Paraphrases paraphrases, String model) {
    this.paraphrases = paraphrases;
    this.model = model;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    // Both draws always happen, so whether this prompt is paraphrased never shifts later draws.
    boolean rewrite = random.nextDouble() < strength;
    long seed = random.nextLong() >>> 1; // the sampler takes a non-negative seed
    if (!rewrite || text.isEmpty()) {
      return new NoisyText(text, List.of());
    }
    return paraphrases
        .rewrite(model, text, seed)
        .map(String::strip)
        .filter(p -> !p.isEmpty() && !p.equals(text))
        .map(p -> new NoisyText(p, List.of(new NoiseOp(KIND, 0, text.length(), text, p))))
        .orElseGet(() -> new NoisyText(text, List.of()));
  }
}
