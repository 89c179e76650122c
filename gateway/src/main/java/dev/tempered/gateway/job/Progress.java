package dev.tempered.gateway.job;

import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import java.time.Instant;

/** What the newest rollout of a job said: its step, policy version and metrics. */
public record Progress(long step, long policyVersion, TrainingMetrics metrics, Instant at) {

  static Progress of(Rollout rollout) {
    Instant at = rollout.envelope() == null ? null : rollout.envelope().createdAt();
    return new Progress(rollout.step(), rollout.policyVersion(), rollout.metrics(), at);
  }
}
