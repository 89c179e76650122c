package dev.tempered.noise.job;

import dev.tempered.api.message.NoisyInput;
import java.util.List;

/** Where noisy prompts go; the Kafka implementation publishes them on {@code noisy-inputs}. */
public interface NoisyInputSink {

  /**
   * Publishes {@code batch} in order and waits for the broker.
   *
   * @return how many prompts, counted from the first, were acknowledged
   */
  int publish(List<NoisyInput> batch);
}
