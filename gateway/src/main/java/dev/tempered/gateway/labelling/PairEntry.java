package dev.tempered.gateway.labelling;

import dev.tempered.api.job.LabellingEvent.OfferedPair;
import java.time.Instant;

/**
 * One offered pair of a job and its label, as an immutable snapshot.
 *
 * @param sequence position among the job's offered pairs, from 1: the paging order
 * @param label null while pending
 * @param labelledAt null while pending
 */
public record PairEntry(
    long sequence,
    String pairId,
    Instant offeredAt,
    OfferedPair pair,
    String label,
    Instant labelledAt) {

  boolean pending() {
    return label == null;
  }

  PairEntry withLabel(String newLabel, Instant at) {
    return new PairEntry(sequence, pairId, offeredAt, pair, newLabel, at);
  }
}
