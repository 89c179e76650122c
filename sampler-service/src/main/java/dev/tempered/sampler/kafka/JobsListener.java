package dev.tempered.sampler.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.topic.Topics;
import dev.tempered.sampler.worker.SamplingWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns every job's latest record from the compacted {@code jobs} topic. */
@Component
class JobsListener {

  private final SamplingWorker worker;

  JobsListener(SamplingWorker worker) {
    this.worker = worker;
  }

  @KafkaListener(
      topics = Topics.JOBS,
      groupId = "sampler-service-jobs-${random.uuid}",
      containerFactory = KafkaConfig.JOBS_FACTORY)
  void onJob(ConsumerRecord<String, JobRecord> record) {
    JobRecord job = record.value();
    // A null value is a compaction tombstone: the job was deleted.
    if (job == null) {
      worker.onJobDeleted(record.key());
      return;
    }
    if (job.jobId() == null || job.state() == null || job.spec() == null) {
      throw new InvalidRecordException(
          "job record " + record.key() + " lacks jobId, state or spec");
    }
    worker.onJob(job);
  }
}
