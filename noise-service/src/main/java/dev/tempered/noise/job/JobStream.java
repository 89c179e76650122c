package dev.tempered.noise.job;

import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.noise.curriculum.EvaluationHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one job's publishing stands: all EVAL prompts go first, then TRAIN prompts as far as the
 * credit window allows. Touched only by the publisher thread.
 */
final class JobStream {

  private final PromptFactory factory;
  private final TrainingSpec training;
  private int evalPublished;
  private long trainPublished;

  JobStream(PromptFactory factory, TrainingSpec training) {
    this.factory = factory;
    this.training = training;
  }

  /**
   * The next prompts to publish, at most {@code max}: EVAL ones while any are left, otherwise the
   * TRAIN ones the credit window allows, at the strength the trainer's progress or, for the
   * adaptive curriculum, the held-out {@code evaluations} give. Nothing changes until {@link
   * #published} confirms them.
   */
  List<NoisyInput> next(TrainerProgress progress, EvaluationHistory evaluations, int max) {
    List<NoisyInput> batch = new ArrayList<>();
    if (evalPublished < factory.evalCount()) {
      int end = Math.min(factory.evalCount(), evalPublished + max);
      for (int n = evalPublished; n < end; n++) {
        batch.add(factory.eval(n));
      }
      return batch;
    }
    long allowed = Math.min(max, CreditWindow.allowance(trainPublished, training, progress));
    for (long n = trainPublished; n < trainPublished + allowed; n++) {
      batch.add(factory.train(n, progress.step(), evaluations));
    }
    return batch;
  }

  /** Records that the first {@code count} prompts of the last batch reached the broker. */
  void published(List<NoisyInput> batch, int count) {
    for (int i = 0; i < count; i++) {
      switch (batch.get(i).split()) {
        case EVAL -> evalPublished++;
        case TRAIN -> trainPublished++;
      }
    }
  }

  int evalRemaining() {
    return factory.evalCount() - evalPublished;
  }

  long trainPublished() {
    return trainPublished;
  }
}
