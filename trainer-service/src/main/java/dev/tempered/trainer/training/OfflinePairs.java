package dev.tempered.trainer.training;

import dev.tempered.api.job.JobRecord;
import dev.tempered.trainer.preference.PairLearner;
import dev.tempered.trainer.preference.PairSplit;
import dev.tempered.trainer.preference.PreferenceFiles;
import dev.tempered.trainer.preference.PreferencePair;
import java.io.IOException;
import java.util.List;

/** An offline job's pairs: read and split from its file, and the held-out ones scored. */
final class OfflinePairs {

  private static final int EVALUATION_BATCH = 32;

  private OfflinePairs() {}

  /**
   * The job's pairs from its {@code dataset.path}, split by its seed.
   *
   * @throws JobFailure naming the path, the line and field of a malformed pair, or too few pairs
   */
  static PairSplit load(JobRecord record, DataRoot data) {
    String path = record.spec().dataset().path();
    List<PreferencePair> pairs;
    try {
      pairs = PreferenceFiles.read(data.resolve(path));
    } catch (IllegalArgumentException e) {
      throw new JobFailure("dataset.path: " + e.getMessage());
    } catch (IOException e) {
      throw new JobFailure("dataset.path: cannot read '" + path + "': " + e.getMessage());
    }
    try {
      return PairSplit.of(pairs, record.spec().dataset().heldOutPrompts(), record.spec().seed());
    } catch (IllegalArgumentException e) {
      throw new JobFailure(e.getMessage());
    }
  }

  /** The held-out pairs in batches, combined as sums over pairs (not a mean of batch means). */
  static PairLearner.PairEvaluation score(PairLearner learner, List<PreferencePair> pairs) {
    double right = 0;
    double margins = 0;
    for (int from = 0; from < pairs.size(); from += EVALUATION_BATCH) {
      PairLearner.PairEvaluation e =
          learner.evaluate(pairs.subList(from, Math.min(pairs.size(), from + EVALUATION_BATCH)));
      right += e.accuracy() * e.pairs();
      margins += e.margin() * e.pairs();
    }
    int n = pairs.size();
    return new PairLearner.PairEvaluation(n, n == 0 ? 0 : right / n, n == 0 ? 0 : margins / n);
  }
}
