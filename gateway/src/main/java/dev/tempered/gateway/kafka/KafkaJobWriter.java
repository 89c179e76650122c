package dev.tempered.gateway.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.job.JobWriter;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Writes job records to the compacted jobs topic keyed by job id, so compaction keeps the last. */
@Component
class KafkaJobWriter implements JobWriter {

  private final KafkaTemplate<String, Object> kafka;

  KafkaJobWriter(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
  }

  @Override
  public CompletableFuture<?> write(JobRecord record) {
    return kafka.send(Topics.JOBS, record.jobId(), record);
  }
}
