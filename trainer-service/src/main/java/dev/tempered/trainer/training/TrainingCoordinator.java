package dev.tempered.trainer.training;

import ai.djl.Device;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.RolloutSample;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.Autograd;
import dev.tempered.trainer.preference.PairLearnerFactory;
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
 * Turns scored groups into GRPO, PPO or online DPO steps, per job, and hands offline jobs (a
 * preference file, no scored groups) to {@link OfflineJobs}: buffers groups until a step's worth is
 * there, drops groups staler than {@code maxStaleness} checkpoint versions (counted), trains,
 * publishes a rollout per step and a checkpoint every {@code checkpointEvery} steps and after the
 * last. All model work runs on one thread, since a DJL model must not be trained and read
 * concurrently. A job whose model cannot be loaded, whose steps are non-finite {@code
 * maxNonFiniteSteps} times in a row, or whose training throws is given up with a failure rollout,
 * which the gateway turns into FAILED. A restarted trainer goes on with a job from its newest
 * checkpoint ({@link TrainerResume}).
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
  private final TrainerResume resume;
  private final TrainerPublisher publisher;
  private final Device device;
  private final int maxNonFiniteSteps;
  private final OfflineJobs offline;

  /** A coordinator without offline learners: an offline job is given up as not implemented. */
  public TrainingCoordinator(
      Function<String, LlamaWeights> baseModels,
      CheckpointStore checkpoints,
      TrainerPublisher publisher,
      Device device,
      int maxNonFiniteSteps) {
    this(
        baseModels,
        checkpoints,
        publisher,
        device,
        maxNonFiniteSteps,
        Map.of(),
        new DataRoot(java.nio.file.Path.of("data")));
  }

  /**
   * @param baseModels loads a model's base weights by name (e.g. from the shared models root)
   * @param maxNonFiniteSteps non-finite steps in a row after which the job is given up
   * @param offlineLearners the learner of each algorithm run on preference files ({@code dpo}, ...)
   * @param data where offline jobs' preference files are
   */
  public TrainingCoordinator(
      Function<String, LlamaWeights> baseModels,
      CheckpointStore checkpoints,
      TrainerPublisher publisher,
      Device device,
      int maxNonFiniteSteps,
      Map<String, PairLearnerFactory> offlineLearners,
      DataRoot data) {
    if (maxNonFiniteSteps < 1) {
      throw new IllegalArgumentException(
          "tempered.trainer.max-non-finite-steps must be 1 or more, got " + maxNonFiniteSteps);
    }
    this.baseModels = baseModels;
    this.checkpoints = checkpoints;
    this.resume = new TrainerResume(checkpoints.root());
    this.publisher = publisher;
    this.device = device;
    this.maxNonFiniteSteps = maxNonFiniteSteps;
    this.offline =
        new OfflineJobs(worker, offlineLearners, data, checkpoints, publisher, maxNonFiniteSteps);
  }

  public void onJob(JobRecord record) {
    worker.execute(
        () -> {
          if (record.spec() != null && record.spec().offline()) {
            offline.onJob(record);
            return;
          }
          JobProgress p = jobs.computeIfAbsent(record.jobId(), this::newProgress);
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
          JobProgress p = jobs.computeIfAbsent(group.jobId(), this::newProgress);
          if (p.done) {
            log.debug(
                "job {} has finished training; group {} ignored", group.jobId(), group.promptId());
            return;
          }
          p.groupsConsumed++;
          p.waiting.add(group);
          resume.recordProgress(group.jobId(), p.groupsConsumed, p.droppedStale);
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
      p.trainer = newTrainer(p.record);
      resumeFromCheckpoint(jobId, p);
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
          String rejection =
              StalenessBound.rejection(p.trainer.version(), g.policyVersion(), spec.maxStaleness());
          if (rejection != null) {
            p.droppedStale++;
            log.debug("job {}: group {} dropped: {}", jobId, g.promptId(), rejection);
          }
          return rejection != null;
        });
    if (p.droppedStale > droppedBefore) {
      log.info(
          "job {}: dropped {} groups staler than {} versions or from a newer version",
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
    // the version this step trains from, against which each sample's staleness is counted
    long version = p.trainer.version();
    GroupTrainer.StepResult result = p.trainer.train(groups, p.droppedStale);
    if (result.preference() != null) {
      publisher.preference(result.preference().forJob(jobId));
    }
    if (result.noRows()) {
      log.info(
          "job {}: none of {} groups left anything to train on (zero reward variance, or no"
              + " preference pair); no step, waiting for more",
          jobId,
          groups.size());
      publishConsumption(jobId, p);
      return;
    }
    if (result.details() != null) {
      publisher.details(result.details().forJob(jobId));
    }
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
    if (result.preference() != null) {
      log.info(
          "job {} step {}: preference accuracy {} margin {} tied groups {}",
          jobId,
          step,
          fmt(result.preference().accuracy()),
          fmt(result.preference().margin()),
          result.preference().tiedPairs());
    }
    if (result.details() != null && result.details().worstGroup() != null) {
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
            samples(groups, p.trainer.version(), version)));
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

  private void checkpoint(String jobId, JobProgress p, GroupTrainer.StepResult result) {
    try {
      LlamaWeights weights = p.trainer.nextCheckpoint();
      long version = p.trainer.version();
      CheckpointStore.StoredCheckpoint stored = checkpoints.write(jobId, version, weights);
      // Resumable before it is announced: a restart must never publish this version again.
      AdamW.State optimizer = p.trainer.optimizerState();
      resume.save(
          jobId,
          new ResumeState(
              version,
              p.trainer.step(),
              p.groupsConsumed,
              p.droppedStale,
              stored.sha256(),
              "v" + version + ".adamw.safetensors",
              optimizer.steps()),
          optimizer);
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

  /** The job's trainer; a job whose algorithm this trainer cannot run is given up at once. */
  private GroupTrainer newTrainer(JobRecord record) {
    String algorithm = record.spec().algorithm();
    TrainingSpec spec = record.spec().training();
    return switch (algorithm) {
      case JobSpec.GRPO, JobSpec.PPO ->
          new JobTrainer(spec, algorithm, baseModel(record), device, dataGroups(record));
      case JobSpec.DPO -> new OnlineDpoTrainer(spec, baseModel(record), device, dataGroups(record));
      default ->
          throw new JobFailure("algorithm '" + algorithm + "' is not implemented by this trainer");
    };
  }

  /** A job first seen by this trainer continues the counters a previous run recorded. */
  private JobProgress newProgress(String jobId) {
    JobProgress p = new JobProgress();
    TrainerResume.Progress recorded = resume.progress(jobId);
    p.groupsConsumed = recorded.groupsConsumed();
    p.droppedStale = recorded.droppedStale();
    return p;
  }

  /** A job with a checkpoint on disk goes on from the newest one instead of the base model. */
  private void resumeFromCheckpoint(String jobId, JobProgress p) {
    resume
        .newest(jobId)
        .ifPresent(
            point -> {
              p.trainer.resume(point);
              p.groupsConsumed = Math.max(p.groupsConsumed, point.state().groupsConsumed());
              p.droppedStale = Math.max(p.droppedStale, point.state().droppedStale());
              log.info(
                  "job {}: resumed from checkpoint v{} at step {} ({} groups consumed so far{})",
                  jobId,
                  point.state().version(),
                  point.state().step(),
                  p.groupsConsumed,
                  point.optimizer() == null ? ", AdamW moments restarted" : "");
            });
  }

  private LlamaWeights baseModel(JobRecord record) {
    try {
      return baseModels.apply(record.spec().model());
    } catch (RuntimeException e) {
      throw new JobFailure("cannot load model '" + record.spec().model() + "': " + reason(e));
    }
  }

  /** The messages of an exception and its causes, joined by ': '. */
  static String reason(Throwable e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      out.append(": ").append(cause.getMessage());
    }
    return out.toString();
  }

  /**
   * @param trainedFrom the version the step trained from: each sample's staleness is measured
   *     against it
   */
  private static List<RolloutSample> samples(
      List<ScoredGroup> groups, long trainedInto, long trainedFrom) {
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
                c.advantage(),
                trainedFrom - g.policyVersion()));
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
