package dev.tempered.sampler.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code tempered.sampler}.
 *
 * @param modelsDir where {@code <model>/<model>.bin} and its tokenizer live; when unset, {@code
 *     models/} under the shared root that {@code SharedResources.require()} finds
 * @param maxBatchPrompts noisy inputs taken per poll (and so per generate call at most)
 * @param evalBatchPrompts held-out prompts re-evaluated per generate call after a new checkpoint
 * @param maxPendingInputs inputs of not-yet-running jobs held back before new ones are refused
 * @param dedupWindow message ids remembered to skip redelivered inputs
 * @param device DJL device name the policies run on, {@code cpu} or {@code gpu}
 */
@ConfigurationProperties("tempered.sampler")
public record SamplerProperties(
    Path modelsDir,
    @DefaultValue("64") int maxBatchPrompts,
    @DefaultValue("128") int evalBatchPrompts,
    @DefaultValue("10000") int maxPendingInputs,
    @DefaultValue("100000") int dedupWindow,
    @DefaultValue("cpu") String device) {

  public SamplerProperties {
    requirePositive("max-batch-prompts", maxBatchPrompts);
    requirePositive("eval-batch-prompts", evalBatchPrompts);
    requirePositive("max-pending-inputs", maxPendingInputs);
    requirePositive("dedup-window", dedupWindow);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "tempered.sampler." + name + " must be >= 1, got " + value);
    }
  }
}
