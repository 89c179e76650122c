package dev.tempered.reward.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.topic.Topics;
import dev.tempered.reward.jobs.JobRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the job registry up to date from the compacted {@code jobs} topic. */
@Component
class JobsListener {

  private final JobRegistry jobs;

  JobsListener(JobRegistry jobs) {
    this.jobs = jobs;
  }

  /** Takes the whole record so a tombstone (null value) can remove its job by key. */
  @KafkaListener(
      id = "reward-jobs",
      topics = Topics.JOBS,
      idIsGroup = false,
      containerFactory = KafkaConfig.JOBS_FACTORY)
  void onJob(ConsumerRecord<String, JobRecord> record) {
    JobRecord job = record.value();
    jobs.update(job != null && job.jobId() != null ? job.jobId() : record.key(), job);
  }
}
