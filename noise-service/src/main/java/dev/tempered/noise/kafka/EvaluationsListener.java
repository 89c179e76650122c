package dev.tempered.noise.kafka;

import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.job.JobRegistry;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns each job's held-out clean and noisy scores from {@code evaluations}: adaptive input. */
@Component
class EvaluationsListener {

  private final JobRegistry registry;

  EvaluationsListener(JobRegistry registry) {
    this.registry = registry;
  }

  @KafkaListener(
      topics = Topics.EVALUATIONS,
      groupId = "noise-service-evaluations-${random.uuid}",
      containerFactory = KafkaConfig.EVALUATIONS_FACTORY)
  void onEvaluation(EvaluationResult result) {
    registry.onEvaluation(result);
  }
}
