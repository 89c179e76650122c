package dev.tempered.trainer.config;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.RewardModelSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.trainer.preference.OfflineDpoTrainer;
import dev.tempered.trainer.preference.PairLearner;
import dev.tempered.trainer.preference.PairLearnerFactory;
import dev.tempered.trainer.preference.RewardModelLearner;
import dev.tempered.trainer.training.CheckpointStore;
import dev.tempered.trainer.training.DataRoot;
import dev.tempered.trainer.training.DpoOptions;
import dev.tempered.trainer.training.TrainerPublisher;
import dev.tempered.trainer.training.TrainingCoordinator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the training coordinator with model loading, checkpoint storage, the device, and the
 * learners of offline jobs by algorithm.
 */
@Configuration(proxyBeanMethods = false)
class TrainerConfig {

  @Bean(destroyMethod = "close")
  TrainingCoordinator trainingCoordinator(
      TrainerProperties properties,
      CheckpointProperties checkpointProperties,
      TrainerPublisher publisher) {
    Path models =
        properties.modelsDir() != null
            ? properties.modelsDir()
            : SharedResources.require().resolve("models");
    Path data =
        properties.dataDir() != null
            ? properties.dataDir()
            : SharedResources.require().resolve("data");
    Device device = Device.fromName(properties.device());
    Map<String, PairLearnerFactory> offline =
        Map.of(
            JobSpec.DPO, spec -> offlineDpo(models, spec, device),
            JobSpec.REWARD_MODEL, spec -> rewardModel(models, spec, device));
    return new TrainingCoordinator(
        name -> loadBase(models, name),
        new CheckpointStore(checkpointProperties.checkpointDir()),
        publisher,
        device,
        properties.maxNonFiniteSteps(),
        offline,
        new DataRoot(data));
  }

  private static PairLearner offlineDpo(Path models, JobSpec spec, Device device) {
    TrainingSpec t = spec.training();
    try {
      ModelFiles files = ModelFiles.locate(models, spec.model());
      LlamaWeights base = files.readWeights();
      return new OfflineDpoTrainer(
          base,
          files.readTokenizer(base.config().vocabSize()),
          device,
          new OfflineDpoTrainer.Settings(
              DpoOptions.loss(t),
              t.dpoOrDefault().maxPromptTokensOrDefault(),
              t.dpoOrDefault().maxCompletionTokensOrDefault(),
              t.learningRate(),
              t.weightDecay(),
              t.maxGradNorm()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + spec.model() + " from " + models, e);
    }
  }

  /** A Bradley–Terry reward model on the job model's trunk, as training.rewardModel says. */
  private static PairLearner rewardModel(Path models, JobSpec spec, Device device) {
    TrainingSpec t = spec.training();
    RewardModelSpec r = t.rewardModelOrDefault();
    try {
      ModelFiles files = ModelFiles.locate(models, spec.model());
      LlamaWeights base = files.readWeights();
      return new RewardModelLearner(
          base,
          files.readTokenizer(base.config().vocabSize()),
          files.tokenizer(),
          device,
          new RewardModelLearner.Settings(
              r.maxPromptTokensOrDefault(),
              r.maxCompletionTokensOrDefault(),
              t.learningRate(),
              t.weightDecay(),
              t.maxGradNorm(),
              r.centerRewardsCoefficientOrDefault(),
              spec.seed()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + spec.model() + " from " + models, e);
    }
  }

  private static LlamaWeights loadBase(Path models, String name) {
    try {
      return ModelFiles.locate(models, name).readWeights();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load base model " + name + " from " + models, e);
    }
  }
}
