package dev.tempered.trainer.training;

import ai.djl.Device;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.RolloutSample;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.Autograd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns scored groups into GRPO steps, per job: buffers groups until a step's worth is there, drops
 * groups staler than {@code maxStaleness} checkpoint versions (counted), trains, publishes a
 * rollout per step and a checkpoint every {@code checkpointEvery} steps and after the last. All
 * model work runs on one thread, since a DJL model must not be trained and read concurrently. A job
 * whose model cannot be loaded, whose steps are non-finite {@code maxNonFiniteSteps} times in a
 * row, or whose training throws is given up with a failure rollout, which the gateway turns into
 * FAILED.
 */
public final class TrainingCoordinator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrainingCoordinator.class);
  private static final int SEEN_MESSAGE_IDS = 100_000;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t =
                new Thread(
                    () -> {
                      Autograd.disableOnCurrentThread();
                      r.run();
                    },
                    "trainer-worker");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, JobProgress> jobs = new HashMap<>();
  private final Set<String> seenMessageIds =
      java.util.Collections.newSetFromMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > SEEN_MESSAGE_IDS;
            }
          });
  private final Function<String, LlamaWeights> baseModels;
  private final CheckpointStore checkpoints;
  private final TrainerPublisher publisher;
  private final Device device;
  private final int maxNonFiniteSteps;

  /**
   * @param baseModels loads a model's base weights by name (e.g. from the shared models root)
   * @param maxNonFiniteSteps non-finite steps in a row after which the job is given up
   */
  public TrainingCoordinator(
      Function<String, LlamaWeights> baseModels,
      CheckpointStore checkpoints,
      TrainerPublisher publisher,
      Device device,
      int maxNonFiniteSteps) {
    if (maxNonFiniteSteps < 1) {
      throw new IllegalArgumentException(
          "tempered.trainer.max-non-finite-steps must be 1 or more, got " + maxNonFiniteSteps);
    }
    this.baseModels = baseModels;
    this.checkpoints = checkpoints;
    this.publisher = publisher;
    this.device = device;
    this.maxNonFiniteSteps = maxNonFiniteSteps;
  }

  public void onJob(JobRecord record) {
    worker.execute(
        () -> {
          JobProgress p = jobs.computeIfAbsent(record.jobId(), id -> new JobProgress());
          p.record = record;
          if (record.state().isTerminal() || record.state() == JobState.CANCELLING) {
            finish(p);
          } else {
            guarded(record.jobId(), p);
          }
        });
  }

  public void onScoredGroup(ScoredGroup group) {
    worker.execute(
        () -> {
          if (!seenMessageIds.add(group.envelope().messageId())) {
            return;
          }
          JobProgress p = jobs.computeIfAbsent(group.jobId(), id -> new JobProgress());
          if (p.done) {
            log.debug(
                "job {} has finished training; group {} ignored", group.jobId(), group.promptId());
            return;
          }
          p.groupsConsumed++;
          p.waiting.add(group);
          guarded(group.jobId(), p);
        });
  }

  /** Steps the job; an error it cannot train past gives the job up instead of stalling it. */
  private void guarded(String jobId, JobProgress p) {
    try {
      tryStep(jobId, p);
    } catch (JobFailure e) {
      giveUp(jobId, p, e.getMessage());
    } catch (PublishFailure e) {
      // The broker, not the job, is at fault: later rollouts carry the cumulative consumption and
      // later checkpoints a newer version, so the job can go on once the broker is back.
      log.error("job {}: {}", jobId, e.getMessage());
    } catch (RuntimeException e) {
      log.error("job {}: training failed", jobId, e);
      giveUp(jobId, p, "training failed: " + e);
    }
  }

  /** Publishes why the job cannot go on (the gateway fails it) and frees its model. */
  private void giveUp(String jobId, JobProgress p, String reason) {
    log.warn("job {}: giving up: {}", jobId, reason);
    long step = p.trainer == null ? 0 : p.trainer.step();
    long version = p.trainer == null ? 0 : p.trainer.version();
    finish(p);
    publisher.rollout(Rollout.failed(jobId, step, version, p.groupsConsumed, reason));
  }

  private void tryStep(String jobId, JobProgress p) {
    if (p.record == null || p.record.state() != JobState.RUNNING || p.done) {
      return;
    }
    TrainingSpec spec = p.record.spec().training();
    if (p.trainer == null) {
      p.trainer =
          new JobTrainer(
              spec, p.record.spec().algorithm(), baseModel(p.record), device, dataGroups(p.record));
      log.info(
          "job {}: {} trainer ready for {} steps of {} groups",
          jobId,
          p.record.spec().algorithm(),
          spec.steps(),
          spec.promptsPerStep());
    }
    long droppedBefore = p.droppedStale;
    p.waiting.removeIf(
        g -> {
          boolean stale = p.trainer.version() - g.policyVersion() > spec.maxStaleness();
          if (stale) {
            p.droppedStale++;
          }
          return stale;
        });
    if (p.droppedStale > droppedBefore) {
      log.info(
          "job {}: dropped {} groups staler than {} versions",
          jobId,
          p.droppedStale - droppedBefore,
          spec.maxStaleness());
      publishConsumption(jobId, p);
    }
    while (p.waiting.size() >= spec.promptsPerStep() && !p.trainer.finished()) {
      List<ScoredGroup> groups = new ArrayList<>(p.waiting.subList(0, spec.promptsPerStep()));
      p.waiting.subList(0, spec.promptsPerStep()).clear();
      step(jobId, p, groups);
    }
    if (p.trainer.finished()) {
      finish(p);
    }
  }

  private void step(String jobId, JobProgress p, List<ScoredGroup> groups) {
    GrpoBatch rows = p.trainer.batch(groups);
    long version = p.trainer.version();
    double staleness = 0;
    for (long v : rows.behaviourVersions()) {
      staleness += version - v;
    }
    staleness = rows.size() == 0 ? 0 : staleness / rows.size();
    JobTrainer.StepResult result = p.trainer.train(rows, staleness, p.droppedStale);
    if (result.noRows()) {
      log.info(
          "job {}: all {} groups had zero reward variance; no step, waiting for more",
          jobId,
          groups.size());
      publishConsumption(jobId, p);
      return;
    }
    publisher.details(result.details().forJob(jobId));
    if (result.ppo() != null) {
      publisher.ppoDetails(result.ppo().forJob(jobId));
    }
    if (!result.applied()) {
      p.skippedNonFinite++;
      p.nonFiniteInARow++;
      log.warn(
          "job {}: non-finite loss {} or gradient norm {}, step skipped ({} so far)",
          jobId,
          result.metrics().loss(),
          result.metrics().gradNorm(),
          p.skippedNonFinite);
      publishConsumption(jobId, p);
      if (p.nonFiniteInARow >= maxNonFiniteSteps) {
        throw new JobFailure(
            p.nonFiniteInARow
                + " non-finite steps in a row (last: loss "
                + result.metrics().loss()
                + ", gradient norm "
                + result.metrics().gradNorm()
                + ")");
      }
      return;
    }
    p.nonFiniteInARow = 0;
    long step = p.trainer.step();
    log.info(
        "job {} step {}: loss {} reward {} kl {} clip {} grad {} tokens/s {}",
        jobId,
        step,
        fmt(result.metrics().loss()),
        fmt(result.metrics().rewardMean()),
        fmt(result.metrics().kl()),
        fmt(result.metrics().clipFraction()),
        fmt(result.metrics().gradNorm()),
        fmt(result.metrics().tokensPerSecond()));
    if (result.details().worstGroup() != null) {
      log.info(
          "job {} step {}: worst group {}, groups {}",
          jobId,
          step,
          result.details().worstGroup(),
          result.details().groups());
    }
    if (p.trainer.checkpointDue()) {
      checkpoint(jobId, p, result);
    }
    publisher.rollout(
        new Rollout(
            Envelope.create(),
            jobId,
            step,
            p.trainer.version(),
            p.groupsConsumed,
            result.metrics(),
            samples(groups, p.trainer.version())));
  }

  /**
   * A rollout without samples or metrics reports consumption only, so the noise service's credit
   * window moves on although no step was taken (groups dropped as stale, or a skipped step).
   */
  private void publishConsumption(String jobId, JobProgress p) {
    publisher.rollout(
        new Rollout(
            Envelope.create(),
            jobId,
            p.trainer.step(),
            p.trainer.version(),
            p.groupsConsumed,
            null,
            List.of()));
  }

  private void checkpoint(String jobId, JobProgress p, JobTrainer.StepResult result) {
    try {
      LlamaWeights weights = p.trainer.nextCheckpoint();
      long version = p.trainer.version();
      CheckpointStore.StoredCheckpoint stored = checkpoints.write(jobId, version, weights);
      publisher.checkpoint(
          new CheckpointEvent(
              Envelope.create(),
              jobId,
              version,
              p.trainer.step(),
              stored.file().toUri().toString(),
              stored.sha256(),
              stored.sizeBytes(),
              result.metrics().rewardMean(),
              result.metrics().loss(),
              p.trainer.finished()));
      log.info(
          "job {}: checkpoint v{} at step {} -> {}",
          jobId,
          version,
          p.trainer.step(),
          stored.file());
    } catch (IOException e) {
      throw new UncheckedIOException("job " + jobId + ": writing checkpoint failed", e);
    }
  }

  private LlamaWeights baseModel(JobRecord record) {
    try {
      return baseModels.apply(record.spec().model());
    } catch (RuntimeException e) {
      throw new JobFailure("cannot load model '" + record.spec().model() + "': " + reason(e));
    }
  }

  private static String reason(Throwable e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      out.append(": ").append(cause.getMessage());
    }
    return out.toString();
  }

  private static List<RolloutSample> samples(List<ScoredGroup> groups, long trainedInto) {
    List<RolloutSample> out = new ArrayList<>();
    for (ScoredGroup g : groups) {
      for (int i = 0; i < g.candidates().size(); i++) {
        ScoredCandidate c = g.candidates().get(i);
        out.add(
            new RolloutSample(
                g.promptId(),
                i,
                g.group(),
                g.policyVersion(),
                trainedInto,
                c.reward(),
                c.advantage()));
      }
    }
    return out;
  }

  /** The data groups a job declares: its noise operators' group labels, in order. */
  private static List<String> dataGroups(JobRecord record) {
    if (record.spec().noise() == null || record.spec().noise().operators() == null) {
      return List.of();
    }
    return record.spec().noise().operators().stream()
        .filter(java.util.Objects::nonNull)
        .map(op -> op.group())
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();
  }

  private void finish(JobProgress p) {
    p.done = true;
    p.waiting.clear();
    if (p.trainer != null) {
      p.trainer.close();
      p.trainer = null;
    }
  }

  private static String fmt(double v) {
    return String.format("%.4f", v);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
