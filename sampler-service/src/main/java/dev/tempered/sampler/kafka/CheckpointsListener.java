package dev.tempered.sampler.kafka;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.topic.Topics;
import dev.tempered.sampler.worker.SamplingWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Hands each announced checkpoint to the model thread, which loads it if it is newer. */
@Component
class CheckpointsListener {

  private final SamplingWorker worker;

  CheckpointsListener(SamplingWorker worker) {
    this.worker = worker;
  }

  @KafkaListener(
      topics = Topics.CHECKPOINTS,
      groupId = "sampler-service-checkpoints-${random.uuid}",
      containerFactory = KafkaConfig.CHECKPOINTS_FACTORY)
  void onCheckpoint(ConsumerRecord<String, CheckpointEvent> record) {
    CheckpointEvent event = record.value();
    if (event == null) {
      return; // a compaction tombstone: nothing to load
    }
    if (event.jobId() == null || event.uri() == null) {
      throw new InvalidRecordException("checkpoint record " + record.key() + " lacks jobId or uri");
    }
    worker.onCheckpoint(event);
  }
}
