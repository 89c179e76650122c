package dev.tempered.api.job;

/**
 * Human labelling of a job's online DPO pairs: which scored groups the gateway offers for labelling
 * and how many may wait unlabelled.
 *
 * @param fraction share of the scored groups with a DPO pair that are offered, in (0, 1]; null: 1
 *     (every group). The choice is a function of the group's message id, so it is the same on every
 *     gateway and after a restart
 * @param maxPending most pairs of the job waiting for a label; a group that arrives while that many
 *     wait is not offered (counted); null: {@value #DEFAULT_MAX_PENDING}
 */
public record LabellingSpec(Double fraction, Integer maxPending) {

  public static final int DEFAULT_MAX_PENDING = 100;

  public double fractionOrDefault() {
    return fraction == null ? 1.0 : fraction;
  }

  public int maxPendingOrDefault() {
    return maxPending == null ? DEFAULT_MAX_PENDING : maxPending;
  }
}
