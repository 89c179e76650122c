package dev.tempered.api.job;

import dev.tempered.api.message.Envelope;
import java.time.Instant;

/**
 * One entry of the {@code labelling} topic, keyed by job id: a DPO pair offered for human labelling
 * ({@link #OFFERED}, with {@code pair}) or a label given to it ({@link #LABELLED}, with {@code
 * label}). The gateway is the only writer; the first event of a pair id and the first label of a
 * pair win.
 *
 * @param pairId the pair's id: the message id of the scored group it came from
 * @param at when it was offered or labelled
 * @param pair the offered pair; null for a label
 * @param label {@code a}, {@code b}, {@code tie} or {@code skip}; null for an offer
 */
public record LabellingEvent(
    Envelope envelope,
    String jobId,
    String pairId,
    String type,
    Instant at,
    OfferedPair pair,
    String label) {

  public static final String OFFERED = "OFFERED";
  public static final String LABELLED = "LABELLED";

  /**
   * A pair as the labeller sees it, the two candidates in a per-pair random order.
   *
   * @param cleanPrompt the prompt before noise
   * @param noisyPrompt the prompt both candidates answer
   * @param a the first candidate shown
   * @param b the second candidate shown
   * @param targetIs which of {@code a} and {@code b} is the reward's target T_k ({@code a} or
   *     {@code b}); the other is the group's lowest-scored candidate
   * @param targetScore S of the target
   * @param otherScore S of the other candidate
   */
  public record OfferedPair(
      String promptId,
      String group,
      long policyVersion,
      String cleanPrompt,
      String noisyPrompt,
      String a,
      String b,
      String targetIs,
      double targetScore,
      double otherScore) {}
}
