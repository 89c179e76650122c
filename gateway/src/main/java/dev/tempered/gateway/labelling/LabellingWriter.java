package dev.tempered.gateway.labelling;

import dev.tempered.api.job.LabellingEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Appends offers and labels to the labelling topic, keyed by job id so each job's stay in order.
 */
public interface LabellingWriter {

  /** Sends the event; the future completes once the broker has it. */
  CompletableFuture<?> write(LabellingEvent event);
}
