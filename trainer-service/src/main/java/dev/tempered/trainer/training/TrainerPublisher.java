package dev.tempered.trainer.training;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Rollout;

/** Where the trainer's results go; the Kafka implementation lives in the kafka package. */
public interface TrainerPublisher {

  void rollout(Rollout rollout);

  void checkpoint(CheckpointEvent checkpoint);

  /** The step's metrics that travel on no topic, only to the meters; ignored by default. */
  default void details(StepDetails details) {}

  /** A preference job's step metrics (accuracy, margin, held-out), for the meters only. */
  default void preference(PreferenceDetails details) {}

  /** A PPO step's own metrics, only to the meters; ignored by default. */
  default void ppoDetails(PpoDetails details) {}
}
