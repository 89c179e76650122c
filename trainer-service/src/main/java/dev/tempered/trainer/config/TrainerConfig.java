package dev.tempered.trainer.config;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.trainer.training.CheckpointStore;
import dev.tempered.trainer.training.TrainerPublisher;
import dev.tempered.trainer.training.TrainingCoordinator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the training coordinator with model loading, checkpoint storage and the device. */
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
    return new TrainingCoordinator(
        name -> loadBase(models, name),
        new CheckpointStore(checkpointProperties.checkpointDir()),
        publisher,
        Device.fromName(properties.device()),
        properties.maxNonFiniteSteps());
  }

  private static LlamaWeights loadBase(Path models, String name) {
    try {
      return ModelFiles.locate(models, name).readWeights();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load base model " + name + " from " + models, e);
    }
  }
}
