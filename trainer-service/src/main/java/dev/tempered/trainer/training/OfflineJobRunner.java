package dev.tempered.trainer.training;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.PreferenceEvaluation;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.trainer.preference.PairLearner;
import dev.tempered.trainer.preference.PairLearnerFactory;
import dev.tempered.trainer.preference.PairOrder;
import dev.tempered.trainer.preference.PairSplit;
import dev.tempered.trainer.preference.PreferencePair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One offline job ({@code dataset.format: preferences}): reads its pairs from the data root, holds
 * {@code dataset.heldOutPrompts} out (seeded), evaluates them at step 0, then per {@link #step()}
 * trains {@code promptsPerStep} pairs in seeded epoch order and publishes a rollout; every {@code
 * checkpointEvery} steps and after the last it evaluates the held-out pairs again and publishes a
 * checkpoint carrying them next to step 0's. The rollout's metrics are: loss and policy loss = the
 * learner's loss, reward mean = the batch's mean margin (for DPO the implicit reward margin β·h),
 * grad norm, tokens/s over both completions of every pair; KL, entropy, clip fraction, reward std,
 * zero-std groups and staleness do not apply to pairs and are 0. {@code groupsConsumed} counts the
 * pairs taken so far.
 */
final class OfflineJobRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OfflineJobRunner.class);

  private final String jobId;
  private final TrainingSpec spec;
  private final PairSplit split;
  private final PairOrder order;
  private final PairLearner learner;
  private final CheckpointStore checkpoints;
  private final TrainerPublisher publisher;
  private final int maxNonFiniteSteps;
  private final PairLearner.PairEvaluation baseline;
  private long step;
  private long version;
  private long pairsConsumed;
  private int nonFiniteInARow;

  private OfflineJobRunner(
      JobRecord record,
      PairSplit split,
      PairLearner learner,
      CheckpointStore checkpoints,
      TrainerPublisher publisher,
      int maxNonFiniteSteps) {
    this.jobId = record.jobId();
    this.spec = record.spec().training();
    this.split = split;
    this.order = new PairOrder(split.train(), record.spec().seed());
    this.learner = learner;
    this.checkpoints = checkpoints;
    this.publisher = publisher;
    this.maxNonFiniteSteps = maxNonFiniteSteps;
    this.baseline = OfflinePairs.score(learner, split.heldOut());
  }

  /**
   * Reads and splits the job's pairs, builds its learner and scores the held-out pairs at step 0.
   *
   * @throws JobFailure when the file cannot be read, holds too few pairs, or the learner cannot be
   *     built
   */
  static OfflineJobRunner start(
      JobRecord record,
      PairLearnerFactory factory,
      DataRoot data,
      CheckpointStore checkpoints,
      TrainerPublisher publisher,
      int maxNonFiniteSteps) {
    PairSplit split = OfflinePairs.load(record, data);
    PairLearner learner;
    try {
      learner = factory.create(record.spec());
    } catch (RuntimeException e) {
      throw new JobFailure(
          "cannot start "
              + record.spec().algorithm()
              + " on '"
              + record.spec().model()
              + "': "
              + TrainingCoordinator.reason(e));
    }
    try {
      OfflineJobRunner runner =
          new OfflineJobRunner(record, split, learner, checkpoints, publisher, maxNonFiniteSteps);
      runner.logStart();
      return runner;
    } catch (RuntimeException e) {
      learner.close();
      throw e;
    }
  }

  private void logStart() {
    log.info(
        "job {}: offline {} of {} training and {} held-out pairs for {} steps of {}; held-out"
            + " accuracy {} margin {} at step 0",
        jobId,
        learnerName(),
        split.train().size(),
        split.heldOut().size(),
        spec.steps(),
        spec.promptsPerStep(),
        fmt(baseline.accuracy()),
        fmt(baseline.margin()));
    publisher.preference(new PreferenceDetails(jobId, 0, 0, 0, 0, Map.of(), 0, baseline));
  }

  boolean finished() {
    return step >= spec.steps();
  }

  long steps() {
    return step;
  }

  long version() {
    return version;
  }

  long pairsConsumed() {
    return pairsConsumed;
  }

  /** Trains one batch; publishes its rollout, and a checkpoint when one is due. */
  void step() {
    List<PreferencePair> batch = order.next(spec.promptsPerStep());
    pairsConsumed += batch.size();
    long started = System.nanoTime();
    PairLearner.PairStep s = learner.train(batch);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!s.applied()) {
      skipped(s);
      return;
    }
    nonFiniteInARow = 0;
    step++;
    TrainingMetrics metrics = metrics(s, seconds);
    log.info(
        "job {} step {}: loss {} accuracy {} margin {} grad {} tokens/s {} epoch {}",
        jobId,
        step,
        fmt(s.loss()),
        fmt(s.accuracy()),
        fmt(s.margin()),
        fmt(s.gradNorm()),
        fmt(metrics.tokensPerSecond()),
        order.epochs());
    boolean due = step % spec.checkpointEvery() == 0 || finished();
    PairLearner.PairEvaluation heldOut = due ? OfflinePairs.score(learner, split.heldOut()) : null;
    publisher.preference(
        new PreferenceDetails(
            jobId, step, batch.size(), s.accuracy(), s.margin(), s.extra(), 0, heldOut));
    if (due) {
      checkpoint(s, heldOut);
    }
    publisher.rollout(
        new Rollout(Envelope.create(), jobId, step, version, pairsConsumed, metrics, List.of()));
  }

  private void skipped(PairLearner.PairStep s) {
    nonFiniteInARow++;
    log.warn(
        "job {}: non-finite loss {} or gradient norm {}, step skipped ({} in a row)",
        jobId,
        s.loss(),
        s.gradNorm(),
        nonFiniteInARow);
    publisher.rollout(
        new Rollout(Envelope.create(), jobId, step, version, pairsConsumed, null, List.of()));
    if (nonFiniteInARow >= maxNonFiniteSteps) {
      throw new JobFailure(
          nonFiniteInARow
              + " non-finite steps in a row (last: loss "
              + s.loss()
              + ", gradient norm "
              + s.gradNorm()
              + ")");
    }
  }

  private static TrainingMetrics metrics(PairLearner.PairStep s, double seconds) {
    return new TrainingMetrics(
        s.loss(), s.loss(), 0, 0, 0, s.gradNorm(), s.margin(), 0, 0, 0, 0, s.tokens() / seconds);
  }

  private void checkpoint(PairLearner.PairStep s, PairLearner.PairEvaluation heldOut) {
    try {
      version++;
      CheckpointStore.StoredCheckpoint stored = learner.save(checkpoints, jobId, version);
      PreferenceEvaluation evaluation =
          new PreferenceEvaluation(
              heldOut.pairs(),
              heldOut.accuracy(),
              heldOut.margin(),
              baseline.accuracy(),
              baseline.margin());
      publisher.checkpoint(
          new CheckpointEvent(
              Envelope.create(),
              jobId,
              version,
              step,
              stored.file().toUri().toString(),
              stored.sha256(),
              stored.sizeBytes(),
              s.margin(),
              s.loss(),
              finished(),
              evaluation));
      log.info(
          "job {}: checkpoint v{} at step {}: held-out accuracy {} (step 0: {}), margin {}"
              + " (step 0: {}) over {} pairs -> {}",
          jobId,
          version,
          step,
          fmt(heldOut.accuracy()),
          fmt(baseline.accuracy()),
          fmt(heldOut.margin()),
          fmt(baseline.margin()),
          heldOut.pairs(),
          stored.file());
    } catch (IOException e) {
      throw new UncheckedIOException("job " + jobId + ": writing checkpoint failed", e);
    }
  }

  private String learnerName() {
    return learner.getClass().getSimpleName();
  }

  private static String fmt(double v) {
    return String.format("%.4f", v);
  }

  @Override
  public void close() {
    learner.close();
  }
}
