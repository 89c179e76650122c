package dev.tempered.trainer.preference;

import dev.tempered.api.job.JobSpec;

/**
 * Builds the {@link PairLearner} of an offline job from its spec (model, training settings); the
 * trainer keeps one per algorithm it runs offline.
 */
@FunctionalInterface
public interface PairLearnerFactory {

  /**
   * @throws RuntimeException when the learner cannot be built (e.g. its model does not load); the
   *     job is then given up with the message
   */
  PairLearner create(JobSpec spec);
}
