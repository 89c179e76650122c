package dev.tempered.trainer.kafka;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.trainer.metrics.TrainingMeters;
import dev.tempered.trainer.training.StepDetails;
import dev.tempered.trainer.training.TrainerPublisher;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes rollouts and checkpoints keyed by job id, waiting for the broker's acknowledgement, and
 * updates the training meters.
 */
@Component
class KafkaTrainerPublisher implements TrainerPublisher {

  private final KafkaTemplate<String, Object> template;
  private final TrainingMeters meters;

  KafkaTrainerPublisher(KafkaTemplate<String, Object> template, TrainingMeters meters) {
    this.template = template;
    this.meters = meters;
  }

  @Override
  public void rollout(Rollout rollout) {
    template.send(Topics.ROLLOUTS, rollout.jobId(), rollout).join();
    meters.record(rollout);
  }

  @Override
  public void checkpoint(CheckpointEvent checkpoint) {
    template.send(Topics.CHECKPOINTS, checkpoint.jobId(), checkpoint).join();
    meters.record(checkpoint);
  }

  @Override
  public void details(StepDetails details) {
    meters.record(details);
  }
}
