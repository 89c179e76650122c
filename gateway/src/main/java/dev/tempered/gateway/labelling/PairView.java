package dev.tempered.gateway.labelling;

import java.time.Instant;

/**
 * A pair as the labeller sees it: both prompts and the two candidates in the pair's random order,
 * without their scores, so that nothing hints at which one the reward preferred.
 *
 * @param status {@code pending} or {@code labelled}
 * @param label {@code a}, {@code b}, {@code tie} or {@code skip}; null while pending
 */
public record PairView(
    String id,
    String promptId,
    String group,
    long policyVersion,
    String cleanPrompt,
    String noisyPrompt,
    String a,
    String b,
    String status,
    String label,
    Instant offeredAt,
    Instant labelledAt) {

  static PairView of(PairEntry e) {
    return new PairView(
        e.pairId(),
        e.pair().promptId(),
        e.pair().group(),
        e.pair().policyVersion(),
        e.pair().cleanPrompt(),
        e.pair().noisyPrompt(),
        e.pair().a(),
        e.pair().b(),
        e.pending() ? Labels.PENDING : Labels.LABELLED,
        e.label(),
        e.offeredAt(),
        e.labelledAt());
  }
}
