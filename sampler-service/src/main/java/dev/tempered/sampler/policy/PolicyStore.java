package dev.tempered.sampler.policy;

import ai.djl.Device;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy held for each running job and the newest checkpoint announced for it. Policies are
 * created on first use from the base model plus the newest checkpoint already announced (so a
 * restarted sampler resumes at the trainer's version). Only the sampler's model thread calls it.
 */
public final class PolicyStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

  private final ModelLibrary library;
  private final Device device;
  private final PolicyVersionListener listener;
  private final Map<String, Policy> policies = new HashMap<>();
  private final Map<String, CheckpointEvent> newestCheckpoints = new HashMap<>();
  private final Map<String, Policy> basePolicies = new HashMap<>();

  public PolicyStore(ModelLibrary library, Device device, PolicyVersionListener listener) {
    this.library = library;
    this.device = device;
    this.listener = listener;
  }

  /** The job's policy, loaded on first use. */
  public Policy policyFor(String jobId, String modelName) throws IOException {
    Policy held = policies.get(jobId);
    if (held != null) {
      return held;
    }
    LlamaWeights base = library.baseWeights(modelName);
    Vocabulary vocabulary = library.vocabulary(modelName, base.config().vocabSize());
    Policy policy = Policy.create(jobId, modelName, base, vocabulary, device);
    policies.put(jobId, policy);
    log.info("job {}: loaded base model {} as policy version 0", jobId, modelName);
    listener.onVersion(jobId, 0);
    CheckpointEvent newest = newestCheckpoints.get(jobId);
    if (newest != null && newest.version() > 0) {
      tryLoad(policy, newest);
    }
    return policy;
  }

  /**
   * The untrained base model {@code modelName}, loaded on first use and kept until close; no job
   * owns it, so no checkpoint ever changes it.
   *
   * @throws IOException when the models directory holds no such model
   */
  public Policy basePolicy(String modelName) throws IOException {
    Policy held = basePolicies.get(modelName);
    if (held != null) {
      return held;
    }
    LlamaWeights base = library.baseWeights(modelName);
    Vocabulary vocabulary = library.vocabulary(modelName, base.config().vocabSize());
    Policy policy = Policy.create(null, modelName, base, vocabulary, device);
    basePolicies.put(modelName, policy);
    log.info("loaded base model {} for direct requests", modelName);
    return policy;
  }

  public Optional<Policy> held(String jobId) {
    return Optional.ofNullable(policies.get(jobId));
  }

  /**
   * Records a checkpoint and, when the job's policy is held at an older version, loads it now.
   *
   * @return true when the held policy moved to the event's version
   */
  public boolean onCheckpoint(CheckpointEvent event) {
    CheckpointEvent known = newestCheckpoints.get(event.jobId());
    if (known == null || event.version() >= known.version()) {
      newestCheckpoints.put(event.jobId(), event);
    }
    Policy policy = policies.get(event.jobId());
    if (policy == null) {
      return false;
    }
    if (event.version() <= policy.version()) {
      log.debug(
          "job {}: ignoring checkpoint version {}, policy already at {}",
          event.jobId(),
          event.version(),
          policy.version());
      return false;
    }
    return tryLoad(policy, event);
  }

  /** Frees the job's model and forgets its checkpoints (the job ended or was deleted). */
  public void release(String jobId) {
    newestCheckpoints.remove(jobId);
    Policy policy = policies.remove(jobId);
    if (policy != null) {
      policy.close();
      listener.onReleased(jobId);
      log.info("job {}: released policy at version {}", jobId, policy.version());
    }
  }

  private boolean tryLoad(Policy policy, CheckpointEvent event) {
    try {
      LlamaWeights weights = CheckpointReader.read(event);
      policy.load(weights, event.version());
    } catch (IOException | RuntimeException e) {
      // A checkpoint that fails verification must never become the behaviour policy.
      log.error(
          "job {}: refusing checkpoint version {} ({}): {}",
          event.jobId(),
          event.version(),
          event.uri(),
          e.getMessage());
      return false;
    }
    log.info(
        "job {}: loaded checkpoint version {} (step {}) from {}",
        event.jobId(),
        event.version(),
        event.step(),
        event.uri());
    listener.onVersion(event.jobId(), event.version());
    return true;
  }

  @Override
  public void close() {
    policies.keySet().stream().toList().forEach(this::release);
    basePolicies.values().forEach(Policy::close);
    basePolicies.clear();
  }
}
