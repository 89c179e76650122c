package dev.tempered.reward.model;

import ai.djl.Device;
import dev.tempered.api.job.RewardModelRef;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.TextRewardModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the models that model-based components run, once each: base models by name from the models
 * directory (fluency) and reward models by (job, version) from the shared checkpoint directory.
 * Loaded models stay for the life of the service (a job names one base model and one reward model
 * version at a time). A model that cannot be loaded is an {@link IllegalArgumentException} naming
 * what is missing, so the group that needed it is dead-lettered with that reason.
 */
public final class JobModels implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobModels.class);

  private final Supplier<Path> modelsDir;
  private final Path checkpointsDir;
  private final Device device;
  private final Map<String, FluencyComponent> fluency = new ConcurrentHashMap<>();
  private final Map<String, RewardModelComponent> rewardModels = new ConcurrentHashMap<>();
  private final List<AutoCloseable> loaded = new ArrayList<>();

  /**
   * @param modelsDir resolved on first use, so the service starts where no model is installed
   */
  public JobModels(Supplier<Path> modelsDir, Path checkpointsDir, Device device) {
    this.modelsDir = modelsDir;
    this.checkpointsDir = checkpointsDir.toAbsolutePath().normalize();
    this.device = device;
  }

  /** The fluency component under base model {@code name}. */
  public FluencyComponent fluency(String name) {
    return fluency.computeIfAbsent(name, this::loadFluency);
  }

  /** The reward-model component of {@code ref}, its newest version when none is given. */
  public RewardModelComponent rewardModel(RewardModelRef ref) {
    if (ref == null || ref.job() == null) {
      throw new IllegalArgumentException("the reward-model component needs reward.rewardModel.job");
    }
    long version = ref.version() != null ? ref.version() : newest(ref.job());
    Path dir = RewardModelCheckpoints.directory(checkpointsDir, ref.job(), version);
    return rewardModels.computeIfAbsent(
        dir.toString(), key -> loadRewardModel(ref.job(), version, dir));
  }

  private long newest(String job) {
    OptionalLong newest;
    try {
      newest = RewardModelCheckpoints.newest(checkpointsDir, job);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot list the reward models of job " + job + " in " + checkpointsDir + ": " + e, e);
    }
    return newest.orElseThrow(
        () ->
            new IllegalArgumentException(
                "reward-model job "
                    + job
                    + " has no saved reward model yet: no "
                    + RewardModelCheckpoints.PREFIX
                    + "<version> directory in "
                    + checkpointsDir.resolve(job)
                    + " (tempered.reward.checkpoints-dir)"));
  }

  private synchronized RewardModelComponent loadRewardModel(String job, long version, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "reward model version "
              + version
              + " of job "
              + job
              + " not found: "
              + dir
              + " does not exist (tempered.reward.checkpoints-dir)");
    }
    try {
      TextRewardModel model = TextRewardModel.load(dir, device);
      loaded.add(model);
      log.info("loaded reward model v{} of job {} from {}", version, job, dir);
      return new RewardModelComponent(model, "v" + version + " of job " + job);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "reward model version "
              + version
              + " of job "
              + job
              + " in "
              + dir
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private synchronized FluencyComponent loadFluency(String name) {
    try {
      ModelFiles files = ModelFiles.locate(modelsDir.get().toAbsolutePath().normalize(), name);
      LlamaWeights weights = files.readWeights();
      LlamaModel model = LlamaModel.create(weights, device);
      loaded.add(model);
      log.info("loaded base model {} for fluency from {}", name, files.checkpoint());
      return new FluencyComponent(model, files.readTokenizer(weights.config().vocabSize()));
    } catch (IOException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "fluency needs the job's base model " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws Exception {
    for (AutoCloseable model : loaded) {
      model.close();
    }
    loaded.clear();
  }
}
