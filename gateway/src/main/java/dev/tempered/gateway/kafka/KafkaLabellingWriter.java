package dev.tempered.gateway.kafka;

import dev.tempered.api.job.LabellingEvent;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.labelling.LabellingWriter;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Appends offers and labels to the labelling topic keyed by job id: a pair's offer comes first. */
@Component
class KafkaLabellingWriter implements LabellingWriter {

  private final KafkaTemplate<String, Object> kafka;

  KafkaLabellingWriter(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
  }

  @Override
  public CompletableFuture<?> write(LabellingEvent event) {
    return kafka.send(Topics.LABELLING, event.jobId(), event);
  }
}
