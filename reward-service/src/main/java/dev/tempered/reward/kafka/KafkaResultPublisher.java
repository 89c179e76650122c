package dev.tempered.reward.kafka;

import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.reward.processing.ResultPublisher;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes results and waits for the broker's acknowledgement, so a record's offset is committed
 * only after its results are durable.
 */
@Component
class KafkaResultPublisher implements ResultPublisher {

  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final KafkaTemplate<String, Object> template;

  KafkaResultPublisher(KafkaTemplate<String, Object> template) {
    this.template = template;
  }

  @Override
  public void publish(ScoredGroup group) {
    send(Topics.SCORED_GROUPS, group.jobId(), group);
  }

  @Override
  public void publish(EvaluationResult evaluation) {
    send(Topics.EVALUATIONS, evaluation.jobId(), evaluation);
  }

  private void send(String topic, String key, Object value) {
    try {
      template.send(topic, key, value).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("could not publish to " + topic + " for job " + key, e);
    }
  }
}
