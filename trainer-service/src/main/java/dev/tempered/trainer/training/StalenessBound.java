package dev.tempered.trainer.training;

/**
 * Which behaviour versions a trainer at a given checkpoint version may train on: staleness is
 * trainer version minus behaviour version, and a group is admitted when it lies in {@code [0,
 * maxStaleness]}. A behaviour version above the trainer's (a sampler that saw a checkpoint this
 * trainer never wrote, e.g. after restoring an older one) is not negative staleness but invalid.
 */
final class StalenessBound {

  private StalenessBound() {}

  /** The reason to drop a group, or null when it is admitted. */
  static String rejection(long trainerVersion, long behaviourVersion, int maxStaleness) {
    long staleness = trainerVersion - behaviourVersion;
    if (staleness < 0) {
      return "from version " + behaviourVersion + ", newer than the trainer's " + trainerVersion;
    }
    return staleness > maxStaleness
        ? "staleness " + staleness + " exceeds maxStaleness " + maxStaleness
        : null;
  }
}
