package dev.tempered.gateway.job;

import dev.tempered.api.job.JobRecord;
import java.util.concurrent.CompletableFuture;

/** Writes job records to the system of record (the compacted jobs topic), keyed by job id. */
public interface JobWriter {

  /** Sends the record; the future completes once the broker has it. */
  CompletableFuture<?> write(JobRecord record);
}
