package dev.tempered.noise.kafka;

import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.config.NoiseProperties;
import dev.tempered.noise.job.NoisyInputSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Publishes noisy prompts on {@code noisy-inputs}, keyed by prompt id. */
@Component
class NoisyInputSender implements NoisyInputSink {

  private static final Logger log = LoggerFactory.getLogger(NoisyInputSender.class);

  private final KafkaTemplate<String, Object> template;
  private final long timeoutMillis;

  NoisyInputSender(KafkaTemplate<String, Object> template, NoiseProperties properties) {
    this.template = template;
    this.timeoutMillis = properties.sendTimeout().toMillis();
  }

  @Override
  public int publish(List<NoisyInput> batch) {
    // Send the whole batch before waiting so the producer can fill its batches.
    List<CompletableFuture<SendResult<String, Object>>> sends = new ArrayList<>();
    for (NoisyInput input : batch) {
      sends.add(template.send(Topics.NOISY_INPUTS, input.promptId(), input));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return i;
      } catch (ExecutionException | TimeoutException e) {
        log.warn("sending {} failed: {}", batch.get(i).promptId(), e.toString());
        return i;
      }
    }
    return batch.size();
  }
}
