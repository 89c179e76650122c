package dev.tempered.gateway.job;

import dev.tempered.api.job.JobEvent;
import java.util.concurrent.CompletableFuture;

/** Appends job events to their topic, keyed by job id so that each job's events stay in order. */
public interface EventWriter {

  /** Sends the event; the future completes once the broker has it. */
  CompletableFuture<?> write(JobEvent event);
}
