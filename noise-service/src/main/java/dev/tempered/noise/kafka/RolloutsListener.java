package dev.tempered.noise.kafka;

import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.job.JobRegistry;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns the trainer's progress per job from {@code rollouts}: the credit for more prompts. */
@Component
class RolloutsListener {

  private final JobRegistry registry;

  RolloutsListener(JobRegistry registry) {
    this.registry = registry;
  }

  @KafkaListener(
      topics = Topics.ROLLOUTS,
      groupId = "noise-service-rollouts-${random.uuid}",
      containerFactory = KafkaConfig.ROLLOUTS_FACTORY)
  void onRollout(Rollout rollout) {
    registry.onRollout(rollout);
  }
}
