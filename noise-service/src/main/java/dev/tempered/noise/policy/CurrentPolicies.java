package dev.tempered.noise.policy;

import ai.djl.Device;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.noise.operator.Policies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each job's current policy on the CPU: the base model when first asked for, then the newest
 * checkpoint announced on {@code checkpoints}, loaded when the next task asks for the policy (on
 * the publishing thread, so no forward pass ever sees half-loaded weights). One lock for all.
 */
public final class CurrentPolicies implements Policies, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CurrentPolicies.class);

  private record Held(LlamaModel model, long version) {}

  private final Supplier<Path> modelsRoot;
  private final Map<String, Held> byJob = new HashMap<>();
  private final Map<String, Held> baseModels = new HashMap<>();
  private final Map<String, CheckpointEvent> newest = new HashMap<>();

  /**
   * @param modelsRoot the models directory, asked for only when a base model is first read
   */
  public CurrentPolicies(Supplier<Path> modelsRoot) {
    this.modelsRoot = modelsRoot;
  }

  /** Remembers {@code event} when it is the job's newest; the weights load on next use. */
  public synchronized void onCheckpoint(CheckpointEvent event) {
    CheckpointEvent known = newest.get(event.jobId());
    if (known == null || event.version() > known.version()) {
      newest.put(event.jobId(), event);
    }
  }

  @Override
  public synchronized <T> T withPolicy(String jobId, String model, Task<T> task) {
    if (jobId == null) {
      Held base = baseModels.computeIfAbsent(model, name -> new Held(loadBase(name), 0));
      return task.run(base.model(), 0);
    }
    Held held = byJob.computeIfAbsent(jobId, id -> new Held(loadBase(model), 0));
    CheckpointEvent event = newest.get(jobId);
    if (event != null && event.version() > held.version()) {
      held = moveTo(jobId, held, event);
    }
    return task.run(held.model(), held.version());
  }

  /** The version job {@code jobId}'s policy holds now, -1 before it was first used. */
  public synchronized long version(String jobId) {
    Held held = byJob.get(jobId);
    return held == null ? -1 : held.version();
  }

  /** Frees the job's model and forgets its checkpoints (the job ended or was deleted). */
  public synchronized void release(String jobId) {
    newest.remove(jobId);
    Held held = byJob.remove(jobId);
    if (held != null) {
      held.model().close();
    }
  }

  private Held moveTo(String jobId, Held held, CheckpointEvent event) {
    try {
      held.model().load(CheckpointReader.read(event));
    } catch (IOException | RuntimeException e) {
      // A checkpoint that fails verification is never attacked; the older policy stays.
      log.error(
          "job {}: refusing checkpoint version {} ({}): {}",
          jobId,
          event.version(),
          event.uri(),
          e.getMessage());
      newest.remove(jobId);
      return held;
    }
    log.info(
        "job {}: adversarial operators now attack checkpoint version {}", jobId, event.version());
    Held moved = new Held(held.model(), event.version());
    byJob.put(jobId, moved);
    return moved;
  }

  private LlamaModel loadBase(String name) {
    Path root = modelsRoot.get();
    try {
      return LlamaModel.create(ModelFiles.locate(root, name).readWeights(), Device.cpu());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read model " + name + " under " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    byJob.values().forEach(h -> h.model().close());
    baseModels.values().forEach(h -> h.model().close());
    byJob.clear();
    baseModels.clear();
  }
}
