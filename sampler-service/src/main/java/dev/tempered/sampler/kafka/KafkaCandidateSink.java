package dev.tempered.sampler.kafka;

import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.sampler.worker.CandidateSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes candidate groups on {@code candidates} keyed by prompt id and waits for the acks. */
@Component
class KafkaCandidateSink implements CandidateSink {

  private static final long ACK_TIMEOUT_SECONDS = 60;

  private final KafkaTemplate<String, Object> template;

  KafkaCandidateSink(KafkaTemplate<String, Object> template) {
    this.template = template;
  }

  @Override
  public void publish(List<CandidateGroup> groups) {
    CompletableFuture<?>[] sends =
        groups.stream()
            .map(g -> template.send(Topics.CANDIDATES, g.promptId(), g))
            .toArray(CompletableFuture[]::new);
    try {
      // Acked before the inputs' offsets are committed: a crash now means resampling, not loss.
      CompletableFuture.allOf(sends).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing candidates", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "publishing "
              + groups.size()
              + " candidate groups to "
              + Topics.CANDIDATES
              + " failed: "
              + e.getMessage(),
          e);
    }
  }
}
