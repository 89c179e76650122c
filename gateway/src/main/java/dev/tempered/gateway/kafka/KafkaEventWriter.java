package dev.tempered.gateway.kafka;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.job.EventWriter;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Appends job events to the job-events topic keyed by job id, so each job's stay in order. */
@Component
class KafkaEventWriter implements EventWriter {

  private final KafkaTemplate<String, Object> kafka;

  KafkaEventWriter(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
  }

  @Override
  public CompletableFuture<?> write(JobEvent event) {
    return kafka.send(Topics.JOB_EVENTS, event.jobId(), event);
  }
}
