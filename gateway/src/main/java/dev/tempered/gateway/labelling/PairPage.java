package dev.tempered.gateway.labelling;

import java.util.List;

/**
 * One page of a job's pairs, in the order they were offered.
 *
 * @param pending how many of the job's pairs wait for a label (all pages)
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record PairPage(List<PairView> pairs, int pending, String nextCursor) {}
