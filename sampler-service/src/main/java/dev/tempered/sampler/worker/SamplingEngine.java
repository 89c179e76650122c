package dev.tempered.sampler.worker;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.JobState;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Split;
import dev.tempered.sampler.config.SamplerProperties;
import dev.tempered.sampler.generation.EvalSampler;
import dev.tempered.sampler.generation.TrainSampler;
import dev.tempered.sampler.policy.Policy;
import dev.tempered.sampler.policy.PolicyStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sampler does with jobs, checkpoints and noisy inputs. Confined to the model thread
 * ({@link SamplingWorker}), so its state needs no locks and model loads never overlap a forward.
 */
final class SamplingEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SamplingEngine.class);

  private final PolicyStore policies;
  private final TrainSampler train;
  private final EvalSampler eval;
  private final CandidateSink sink;
  private final SamplerEvents events;
  private final SamplerProperties properties;
  private final Map<String, JobRecord> jobs = new HashMap<>();
  private final PendingInputs pending;
  private final RecentIds seen;
  private final EvalBook evalBook = new EvalBook();
  private final PolicyNames names;

  SamplingEngine(
      PolicyStore policies,
      TrainSampler train,
      EvalSampler eval,
      CandidateSink sink,
      SamplerEvents events,
      SamplerProperties properties) {
    this.policies = policies;
    this.train = train;
    this.eval = eval;
    this.sink = sink;
    this.events = events;
    this.properties = properties;
    this.pending = new PendingInputs(properties.maxPendingInputs());
    this.seen = new RecentIds(properties.dedupWindow());
    this.names = new PolicyNames(jobs, policies);
  }

  /** Samples the inputs of running jobs, parks those of jobs not running yet. */
  BatchOutcome accept(List<NoisyInput> inputs) {
    List<Integer> failed = new ArrayList<>();
    Exception cause = null;
    Map<String, List<Integer>> readyByJob = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      NoisyInput input = inputs.get(i);
      if (seen.contains(input.envelope().messageId())) {
        log.debug("skipping redelivered input {} of job {}", input.promptId(), input.jobId());
        continue;
      }
      JobRecord job = jobs.get(input.jobId());
      if (job != null && job.state() == JobState.RUNNING) {
        readyByJob.computeIfAbsent(input.jobId(), j -> new ArrayList<>()).add(i);
      } else if (job != null && job.state().isTerminal()) {
        drop(input, "job is " + job.state());
        seen.add(input.envelope().messageId());
      } else if (pending.offer(input)) {
        log.debug(
            "parking input {}: job {} is {}",
            input.promptId(),
            input.jobId(),
            job == null ? "unknown" : job.state());
        seen.add(input.envelope().messageId());
      } else {
        failed.add(i);
        cause =
            cause != null
                ? cause
                : new IllegalStateException(
                    "pending queue full ("
                        + pending.size()
                        + " inputs): job "
                        + input.jobId()
                        + " is "
                        + (job == null ? "unknown" : job.state()));
      }
    }
    for (Map.Entry<String, List<Integer>> e : readyByJob.entrySet()) {
      List<NoisyInput> batch = e.getValue().stream().map(inputs::get).toList();
      try {
        run(jobs.get(e.getKey()), batch);
      } catch (IOException | RuntimeException ex) {
        log.error("job {}: sampling {} inputs failed: {}", e.getKey(), batch.size(), ex.toString());
        e.getValue().stream()
            .filter(i -> !seen.contains(inputs.get(i).envelope().messageId()))
            .forEach(failed::add);
        cause = cause != null ? cause : ex;
      }
    }
    events.pendingInputs(pending.size());
    return failed.isEmpty() ? BatchOutcome.ok() : new BatchOutcome(failed, cause);
  }

  void onJob(JobRecord record) {
    if (record.spec().offline()) {
      // Trained from a preference file: nothing is ever sampled for it.
      return;
    }
    JobRecord previous = jobs.put(record.jobId(), record);
    if (record.state().isTerminal()) {
      release(record.jobId(), "job is " + record.state());
    } else if (record.state() == JobState.RUNNING) {
      if (previous == null || previous.state() != JobState.RUNNING) {
        log.info("job {} is RUNNING with model {}", record.jobId(), record.spec().model());
      }
      List<NoisyInput> parked = pending.drain(record.jobId());
      events.pendingInputs(pending.size());
      if (!parked.isEmpty()) {
        runParked(record, parked);
      }
    }
  }

  void onJobDeleted(String jobId) {
    jobs.remove(jobId);
    release(jobId, "job was deleted");
  }

  /** Loads a newer checkpoint for a held policy, then evaluates the held-out prompts with it. */
  void onCheckpoint(CheckpointEvent event) {
    JobRecord job = jobs.get(event.jobId());
    if (job != null && job.state().isTerminal()) {
      log.debug("ignoring checkpoint {} of ended job {}", event.version(), event.jobId());
      return;
    }
    policies.onCheckpoint(event);
    Policy policy = policies.held(event.jobId()).orElse(null);
    if (policy != null && job != null) {
      evaluateDue(job, policy);
    }
  }

  /** The policy {@code model} names (see {@link SamplingWorker#withPolicy}). */
  Policy policyNamed(String model) throws IOException {
    return names.resolve(model);
  }

  private void run(JobRecord job, List<NoisyInput> inputs) throws IOException {
    JobSpec spec = job.spec();
    Policy policy = policies.policyFor(job.jobId(), spec.model());
    List<NoisyInput> trainInputs = inputs.stream().filter(in -> in.split() == Split.TRAIN).toList();
    int chunk = properties.maxBatchPrompts();
    for (int from = 0; from < trainInputs.size(); from += chunk) {
      List<NoisyInput> part = trainInputs.subList(from, Math.min(from + chunk, trainInputs.size()));
      sink.publish(
          train.sample(policy, spec.sampling(), spec.seed(), part, wantsCleanAnswers(spec)));
      part.forEach(in -> seen.add(in.envelope().messageId()));
    }
    List<NoisyInput> evalInputs = inputs.stream().filter(in -> in.split() == Split.EVAL).toList();
    evalInputs.forEach(evalBook::remember);
    evaluateDue(job, policy);
    evalInputs.forEach(in -> seen.add(in.envelope().messageId()));
  }

  /** Only jobs that weigh consistency pay for the extra greedy answer to each clean prompt. */
  static boolean wantsCleanAnswers(JobSpec spec) {
    return spec.reward() != null
        && spec.reward().weights() != null
        && spec.reward().weights().containsKey(JobSpecValidator.CONSISTENCY);
  }

  private void evaluateDue(JobRecord job, Policy policy) {
    long version = policy.version();
    List<NoisyInput> due = evalBook.due(job.jobId(), version);
    int chunk = properties.evalBatchPrompts();
    for (int from = 0; from < due.size(); from += chunk) {
      List<NoisyInput> part = due.subList(from, Math.min(from + chunk, due.size()));
      sink.publish(eval.evaluate(policy, job.spec().sampling().maxNewTokens(), part));
      part.forEach(in -> evalBook.markEvaluated(job.jobId(), in.promptId(), version));
    }
    if (!due.isEmpty()) {
      log.info(
          "job {}: evaluated {} of {} held-out prompts with policy version {}",
          job.jobId(),
          due.size(),
          evalBook.size(job.jobId()),
          version);
    }
  }

  /** Inputs parked before their job ran have left Kafka: a failure here can only be logged. */
  private void runParked(JobRecord job, List<NoisyInput> parked) {
    try {
      run(job, parked);
    } catch (IOException | RuntimeException e) {
      parked.forEach(
          input -> {
            log.error(
                "job {}: parked input {} could not be sampled: {}",
                job.jobId(),
                input.promptId(),
                e.toString());
            events.inputFailed();
          });
    }
  }

  private void release(String jobId, String reason) {
    List<NoisyInput> parked = pending.drain(jobId);
    parked.forEach(input -> drop(input, reason));
    events.pendingInputs(pending.size());
    evalBook.forget(jobId);
    policies.release(jobId);
  }

  private void drop(NoisyInput input, String reason) {
    log.info("dropping input {} of job {}: {}", input.promptId(), input.jobId(), reason);
    events.inputDropped(reason);
  }

  @Override
  public void close() {
    policies.close();
  }
}
