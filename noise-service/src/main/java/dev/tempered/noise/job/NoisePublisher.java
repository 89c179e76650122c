package dev.tempered.noise.job;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.NoisyInput;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing loop: on every tick, for each RUNNING job, publishes its next batch of prompts. It
 * runs on one scheduler thread so the Kafka listener threads only record state and never block on
 * producing.
 */
public class NoisePublisher {

  private static final Logger log = LoggerFactory.getLogger(NoisePublisher.class);

  private final JobRegistry registry;
  private final PromptFactoryBuilder factories;
  private final NoisyInputSink sink;
  private final MeterRegistry meters;
  private final int maxBatch;
  private final Map<String, JobStream> streams = new HashMap<>();
  // Jobs whose spec or dataset could not be used; logged once, not retried on every tick.
  private final Set<String> rejected = new HashSet<>();

  public NoisePublisher(
      JobRegistry registry,
      PromptFactoryBuilder factories,
      NoisyInputSink sink,
      MeterRegistry meters,
      int maxBatch) {
    this.registry = registry;
    this.factories = factories;
    this.sink = sink;
    this.meters = meters;
    this.maxBatch = maxBatch;
  }

  /** One round over the running jobs. */
  public synchronized void tick() {
    streams.keySet().removeIf(registry::isFinished);
    for (JobRecord job : registry.running()) {
      JobStream stream = stream(job);
      if (stream != null) {
        publishNext(job.jobId(), stream);
      }
    }
  }

  private JobStream stream(JobRecord job) {
    JobStream stream = streams.get(job.jobId());
    if (stream != null || rejected.contains(job.jobId())) {
      return stream;
    }
    try {
      stream = new JobStream(factories.build(job), job.spec().training());
      streams.put(job.jobId(), stream);
      log.info(
          "job {}: publishing {} held-out prompts, then training prompts",
          job.jobId(),
          stream.evalRemaining());
      return stream;
    } catch (RuntimeException e) {
      rejected.add(job.jobId());
      log.error("job {}: cannot produce prompts: {}", job.jobId(), e.getMessage());
      return null;
    }
  }

  private void publishNext(String jobId, JobStream stream) {
    List<NoisyInput> batch =
        stream.next(registry.progress(jobId), registry.evaluations(jobId), maxBatch);
    if (batch.isEmpty()) {
      return;
    }
    int sent = sink.publish(batch);
    stream.published(batch, sent);
    for (NoisyInput input : batch.subList(0, sent)) {
      meters
          .counter("tempered.noise.prompts", "split", input.split().name(), "group", input.group())
          .increment();
    }
    if (sent < batch.size()) {
      log.warn(
          "job {}: {} of {} prompts were not acknowledged; retrying them on the next tick",
          jobId,
          batch.size() - sent,
          batch.size());
    }
  }
}
