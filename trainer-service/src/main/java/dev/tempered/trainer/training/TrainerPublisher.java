package dev.tempered.trainer.training;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Rollout;

/** Where the trainer's results go; the Kafka implementation lives in the kafka package. */
public interface TrainerPublisher {

  void rollout(Rollout rollout);

  void checkpoint(CheckpointEvent checkpoint);
}
