package dev.tempered.trainer.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.trainer.training.TrainingCoordinator;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Hands jobs and scored groups from Kafka to the training coordinator. */
@Component
class TrainerListeners {

  private final TrainingCoordinator coordinator;

  TrainerListeners(TrainingCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @KafkaListener(topics = Topics.JOBS, containerFactory = KafkaConfig.JOBS_FACTORY)
  void onJob(JobRecord record) {
    if (record != null) {
      coordinator.onJob(record);
    }
  }

  @KafkaListener(topics = Topics.SCORED_GROUPS, containerFactory = KafkaConfig.GROUPS_FACTORY)
  void onScoredGroup(ScoredGroup group) {
    coordinator.onScoredGroup(group);
  }
}
