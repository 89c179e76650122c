package dev.tempered.trainer.kafka;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.trainer.metrics.TrainingMeters;
import dev.tempered.trainer.training.PpoDetails;
import dev.tempered.trainer.training.PreferenceDetails;
import dev.tempered.trainer.training.PublishFailure;
import dev.tempered.trainer.training.StepDetails;
import dev.tempered.trainer.training.TrainerPublisher;
import java.util.concurrent.CompletionException;
import org.springframework.kafka.KafkaException;
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
    send(Topics.ROLLOUTS, rollout.jobId(), rollout, "rollout of step " + rollout.step());
    meters.record(rollout);
  }

  @Override
  public void checkpoint(CheckpointEvent checkpoint) {
    send(Topics.CHECKPOINTS, checkpoint.jobId(), checkpoint, "checkpoint v" + checkpoint.version());
    meters.record(checkpoint);
  }

  private void send(String topic, String jobId, Object value, String what) {
    try {
      template.send(topic, jobId, value).join();
    } catch (CompletionException | KafkaException | org.apache.kafka.common.KafkaException e) {
      throw new PublishFailure(what + " of job " + jobId, e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public void details(StepDetails details) {
    meters.record(details);
  }

  @Override
  public void preference(PreferenceDetails details) {
    meters.record(details);
  }

  @Override
  public void ppoDetails(PpoDetails details) {
    meters.record(details);
  }
}
