package dev.tempered.noise.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code tempered.noise}.
 *
 * @param dataDir the data root job dataset paths are resolved under; unset means {@code data/}
 *     under the shared root that {@code SharedResources} finds
 * @param modelsDir where {@code <model>/<model>.bin} and its tokenizer live, for the token-level
 *     operators; unset means {@code models/} under the shared root
 * @param misspellingsPath the misspelling table, relative to the data root
 * @param publishInterval pause between rounds of the publishing loop
 * @param maxBatch most prompts one job publishes per round
 * @param sendTimeout how long a round waits for the broker to acknowledge a batch
 */
@ConfigurationProperties("tempered.noise")
public record NoiseProperties(
    Path dataDir,
    Path modelsDir,
    @DefaultValue("misspellings/spell_errors.json") String misspellingsPath,
    @DefaultValue("200ms") Duration publishInterval,
    @DefaultValue("256") int maxBatch,
    @DefaultValue("10s") Duration sendTimeout) {

  public NoiseProperties {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("tempered.noise.max-batch must be >= 1, was " + maxBatch);
    }
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException(
          "tempered.noise.publish-interval must be positive, was " + publishInterval);
    }
  }
}
