package dev.tempered.noise.config;

import dev.tempered.api.config.SharedResources;
import dev.tempered.noise.dataset.DataRoot;
import dev.tempered.noise.job.JobRegistry;
import dev.tempered.noise.job.NoisePublisher;
import dev.tempered.noise.job.NoisyInputSink;
import dev.tempered.noise.job.PromptFactoryBuilder;
import dev.tempered.noise.operator.Misspellings;
import dev.tempered.noise.operator.OperatorCatalog;
import dev.tempered.noise.operator.Tokenizers;
import dev.tempered.noise.operator.WordNetSynonyms;
import dev.tempered.noise.paraphrase.ParaphraseProperties;
import dev.tempered.noise.paraphrase.SamplerParaphrases;
import dev.tempered.noise.policy.CurrentPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Wires the data root, the operator catalog and the publishing loop with its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NoiseConfig {

  @Bean
  DataRoot dataRoot(NoiseProperties properties) {
    // Fails at start-up with SharedResources' message when no data root can be found.
    return new DataRoot(
        properties.dataDir() != null
            ? properties.dataDir()
            : SharedResources.require().resolve("data"));
  }

  @Bean
  CurrentPolicies currentPolicies(NoiseProperties properties) {
    return new CurrentPolicies(() -> modelsDir(properties));
  }

  @Bean
  SamplerParaphrases paraphrases(ParaphraseProperties properties, MeterRegistry meters) {
    return new SamplerParaphrases(properties, meters);
  }

  @Bean
  OperatorCatalog operatorCatalog(
      DataRoot dataRoot,
      NoiseProperties properties,
      CurrentPolicies policies,
      SamplerParaphrases paraphrases) {
    // The models directory is resolved only when a job first asks for a token-level operator.
    return new OperatorCatalog(
        () -> Misspellings.load(dataRoot.path().resolve(properties.misspellingsPath())),
        WordNetSynonyms::load,
        new Tokenizers(() -> modelsDir(properties)),
        policies,
        paraphrases);
  }

  private static Path modelsDir(NoiseProperties properties) {
    return properties.modelsDir() != null
        ? properties.modelsDir()
        : SharedResources.require().resolve("models");
  }

  @Bean
  PromptFactoryBuilder promptFactoryBuilder(DataRoot dataRoot, OperatorCatalog operators) {
    return new PromptFactoryBuilder(dataRoot, operators);
  }

  @Bean
  NoisePublisher noisePublisher(
      JobRegistry registry,
      PromptFactoryBuilder factories,
      NoisyInputSink sink,
      MeterRegistry meters,
      NoiseProperties properties) {
    return new NoisePublisher(registry, factories, sink, meters, properties.maxBatch());
  }

  @Bean
  SchedulingConfigurer publishingSchedule(NoisePublisher publisher, NoiseProperties properties) {
    return (ScheduledTaskRegistrar registrar) ->
        registrar.addFixedDelayTask(publisher::tick, properties.publishInterval());
  }
}
