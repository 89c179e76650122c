package dev.tempered.noise.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.job.JobRegistry;
import dev.tempered.noise.policy.CurrentPolicies;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns every job's latest record from the compacted {@code jobs} topic. */
@Component
class JobsListener {

  private final JobRegistry registry;
  private final CurrentPolicies policies;

  JobsListener(JobRegistry registry, CurrentPolicies policies) {
    this.registry = registry;
    this.policies = policies;
  }

  @KafkaListener(
      topics = Topics.JOBS,
      groupId = "noise-service-jobs-${random.uuid}",
      containerFactory = KafkaConfig.JOBS_FACTORY)
  void onJob(ConsumerRecord<String, JobRecord> record) {
    // A null value is a compaction tombstone: the job was deleted.
    if (record.value() == null) {
      registry.onJobDeleted(record.key());
      policies.release(record.key());
    } else {
      registry.onJob(record.value());
      if (record.value().state() != null && record.value().state().isTerminal()) {
        policies.release(record.value().jobId());
      }
    }
  }
}
