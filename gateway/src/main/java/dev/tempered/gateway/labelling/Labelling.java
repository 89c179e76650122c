package dev.tempered.gateway.labelling;

import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.LabellingEvent;
import dev.tempered.api.job.LabellingEvent.OfferedPair;
import dev.tempered.api.job.LabellingSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.gateway.config.GatewayProperties;
import dev.tempered.gateway.job.JobEntry;
import dev.tempered.gateway.job.JobNotFoundException;
import dev.tempered.gateway.job.JobPublishException;
import dev.tempered.gateway.job.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Offers the DPO pairs of jobs that ask for labelling ({@code reward.labelling}) and takes their
 * labels. Every offer and label is written to the labelling topic before it counts, so that it
 * survives a restart and reaches every gateway.
 */
@Service
public class Labelling {

  private final PairStore pairs;
  private final JobStore jobs;
  private final LabellingWriter writer;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Duration publishTimeout;
  private final Object labelLock = new Object();

  public Labelling(
      PairStore pairs,
      JobStore jobs,
      LabellingWriter writer,
      MeterRegistry meters,
      Clock clock,
      GatewayProperties properties) {
    this.pairs = pairs;
    this.jobs = jobs;
    this.writer = writer;
    this.meters = meters;
    this.clock = clock;
    this.publishTimeout = properties.publishTimeout();
  }

  /**
   * Offers the group's DPO pair when its job asks for labelling, the group is among the offered
   * fraction and fewer than {@code maxPending} pairs of the job wait (otherwise counted in {@code
   * tempered.gateway.labelling.not.offered}). Groups without a pair (ties) are never offered.
   */
  public void onScoredGroup(ScoredGroup group) {
    LabellingSpec spec = labellingOf(group.jobId());
    List<PreferencePair> dpo = group.pairs();
    if (spec == null || dpo == null || dpo.isEmpty() || group.envelope() == null) {
      return;
    }
    String pairId = group.envelope().messageId();
    if (pairId == null
        || pairs.known(group.jobId(), pairId)
        || !PairChoice.offered(pairId, spec.fractionOrDefault())) {
      return;
    }
    if (pairs.pending(group.jobId()) >= spec.maxPendingOrDefault()) {
      meters.counter("tempered.gateway.labelling.not.offered", "job", group.jobId()).increment();
      return;
    }
    OfferedPair pair = offer(group, dpo.get(0), PairChoice.targetSecond(pairId));
    publish(
        new LabellingEvent(
            Envelope.create(),
            group.jobId(),
            pairId,
            LabellingEvent.OFFERED,
            clock.instant(),
            pair,
            null));
  }

  private static OfferedPair offer(ScoredGroup group, PreferencePair dpo, boolean targetSecond) {
    List<ScoredCandidate> candidates = group.candidates();
    String target = candidates.get(dpo.chosenIndex()).text();
    String other = candidates.get(dpo.rejectedIndex()).text();
    return new OfferedPair(
        group.promptId(),
        group.group(),
        group.policyVersion(),
        group.cleanText(),
        group.noisyText(),
        targetSecond ? other : target,
        targetSecond ? target : other,
        targetSecond ? Labels.B : Labels.A,
        dpo.chosenScore(),
        dpo.rejectedScore());
  }

  /**
   * Labels a pair; the same label again changes nothing.
   *
   * @throws JobNotFoundException for an unknown job
   * @throws PairNotFoundException for a pair the job never offered
   * @throws LabelConflictException when the pair already has another label
   */
  public PairView label(String jobId, String pairId, String preferred) {
    requireJob(jobId);
    synchronized (labelLock) {
      PairEntry entry =
          pairs.find(jobId, pairId).orElseThrow(() -> new PairNotFoundException(jobId, pairId));
      if (!entry.pending()) {
        if (entry.label().equals(preferred)) {
          return PairView.of(entry);
        }
        throw new LabelConflictException(pairId, entry.label(), preferred);
      }
      publish(
          new LabellingEvent(
              Envelope.create(),
              jobId,
              pairId,
              LabellingEvent.LABELLED,
              clock.instant(),
              null,
              preferred));
      return PairView.of(pairs.find(jobId, pairId).orElseThrow());
    }
  }

  /** The job's pairs in offer order, all or those in one status. */
  public List<PairEntry> pairs(String jobId, String status) {
    requireJob(jobId);
    return pairs.pairs(jobId).stream()
        .filter(e -> status == null || status.equals(PairView.of(e).status()))
        .toList();
  }

  public int pending(String jobId) {
    return pairs.pending(jobId);
  }

  public PairExport export(String jobId) {
    requireJob(jobId);
    return PairExport.of(pairs.pairs(jobId));
  }

  private void requireJob(String jobId) {
    if (jobs.find(jobId).isEmpty()) {
      throw new JobNotFoundException(jobId);
    }
  }

  private LabellingSpec labellingOf(String jobId) {
    JobSpec spec = jobs.find(jobId).map(JobEntry::record).map(r -> r.spec()).orElse(null);
    return spec == null || spec.reward() == null ? null : spec.reward().labelling();
  }

  /** Writes the event and applies it once the broker has it. */
  private void publish(LabellingEvent event) {
    CompletableFuture<?> sent = writer.write(event);
    try {
      sent.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobPublishException("interrupted while writing to the labelling topic", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new JobPublishException(
          "the labelling topic did not acknowledge pair "
              + event.pairId()
              + " within "
              + publishTimeout,
          e);
    }
    pairs.apply(event);
  }
}
