package dev.tempered.noise.kafka;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.policy.CurrentPolicies;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Tells the adversarial operators' policies about each checkpoint the trainer announces. */
@Component
class CheckpointsListener {

  private final CurrentPolicies policies;

  CheckpointsListener(CurrentPolicies policies) {
    this.policies = policies;
  }

  @KafkaListener(
      topics = Topics.CHECKPOINTS,
      groupId = "noise-service-checkpoints-${random.uuid}",
      containerFactory = KafkaConfig.CHECKPOINTS_FACTORY)
  void onCheckpoint(CheckpointEvent event) {
    // A null value is a compaction tombstone; an event without job or file names nothing to load.
    if (event != null && event.jobId() != null && event.uri() != null) {
      policies.onCheckpoint(event);
    }
  }
}
