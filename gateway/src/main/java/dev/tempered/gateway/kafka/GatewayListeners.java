package dev.tempered.gateway.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.job.JobLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the job lifecycle from the topics, each with a per-instance group from the earliest offset,
 * skipping redelivered messages by message id.
 */
@Component
class GatewayListeners {

  private static final int REMEMBERED = 200_000;

  private final JobLifecycle lifecycle;
  private final SeenMessages seenJobs = new SeenMessages(REMEMBERED);
  private final SeenMessages seenRollouts = new SeenMessages(REMEMBERED);
  private final SeenMessages seenCheckpoints = new SeenMessages(REMEMBERED);
  private final SeenMessages seenEvaluations = new SeenMessages(REMEMBERED);

  GatewayListeners(JobLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @KafkaListener(
      id = "gateway-jobs",
      topics = Topics.JOBS,
      groupId = "#{@consumerGroups.of('jobs')}",
      properties = "spring.json.value.default.type=dev.tempered.api.job.JobRecord")
  void onJob(JobRecord record) {
    once(seenJobs, record.envelope(), () -> lifecycle.onJobRecord(record));
  }

  @KafkaListener(
      id = "gateway-rollouts",
      topics = Topics.ROLLOUTS,
      groupId = "#{@consumerGroups.of('rollouts')}",
      properties = "spring.json.value.default.type=dev.tempered.api.message.Rollout")
  void onRollout(Rollout rollout) {
    once(seenRollouts, rollout.envelope(), () -> lifecycle.onRollout(rollout));
  }

  @KafkaListener(
      id = "gateway-checkpoints",
      topics = Topics.CHECKPOINTS,
      groupId = "#{@consumerGroups.of('checkpoints')}",
      properties = "spring.json.value.default.type=dev.tempered.api.message.CheckpointEvent")
  void onCheckpoint(CheckpointEvent checkpoint) {
    once(seenCheckpoints, checkpoint.envelope(), () -> lifecycle.onCheckpoint(checkpoint));
  }

  @KafkaListener(
      id = "gateway-evaluations",
      topics = Topics.EVALUATIONS,
      groupId = "#{@consumerGroups.of('evaluations')}",
      properties = "spring.json.value.default.type=dev.tempered.api.message.EvaluationResult")
  void onEvaluation(EvaluationResult result) {
    once(seenEvaluations, result.envelope(), () -> lifecycle.onEvaluation(result));
  }

  private static void once(SeenMessages seen, Envelope envelope, Runnable handler) {
    if (envelope != null && envelope.schemaVersion() > Envelope.CURRENT_SCHEMA_VERSION) {
      throw new UnsupportedSchemaException(envelope.schemaVersion());
    }
    String id = envelope == null ? null : envelope.messageId();
    if (!seen.firstTime(id)) {
      return;
    }
    try {
      handler.run();
    } catch (RuntimeException e) {
      seen.forget(id);
      throw e;
    }
  }
}
