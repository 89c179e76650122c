package dev.tempered.reward.processing;

import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.ScoredGroup;

/** Where scored results go; publishing must have succeeded when a method returns. */
public interface ResultPublisher {

  /** Publishes a scored training group on {@code scored-groups}, keyed by job id. */
  void publish(ScoredGroup group);

  /** Publishes a held-out evaluation on {@code evaluations}, keyed by job id. */
  void publish(EvaluationResult evaluation);
}
