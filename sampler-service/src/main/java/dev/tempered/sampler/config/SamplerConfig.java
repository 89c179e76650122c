package dev.tempered.sampler.config;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.sampler.generation.BatchGenerator;
import dev.tempered.sampler.generation.EvalSampler;
import dev.tempered.sampler.generation.TrainSampler;
import dev.tempered.sampler.metrics.SamplerMetrics;
import dev.tempered.sampler.policy.ModelLibrary;
import dev.tempered.sampler.policy.PolicyStore;
import dev.tempered.sampler.worker.CandidateSink;
import dev.tempered.sampler.worker.SamplingWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the model thread and what it owns from the typed settings. */
@Configuration(proxyBeanMethods = false)
class SamplerConfig {

  @Bean
  SamplerMetrics samplerMetrics(MeterRegistry registry) {
    return new SamplerMetrics(registry);
  }

  @Bean
  ModelLibrary modelLibrary(SamplerProperties properties) {
    return new ModelLibrary(
        () ->
            properties.modelsDir() != null
                ? properties.modelsDir()
                : SharedResources.require().resolve("models"));
  }

  @Bean
  BatchGenerator batchGenerator(SamplerMetrics metrics) {
    return new BatchGenerator(metrics);
  }

  /** The policies live inside the worker so only its thread creates, loads and frees them. */
  @Bean(destroyMethod = "close")
  SamplingWorker samplingWorker(
      SamplerProperties properties,
      ModelLibrary library,
      SamplerMetrics metrics,
      BatchGenerator generator,
      CandidateSink sink) {
    return new SamplingWorker(
        new PolicyStore(library, Device.fromName(properties.device()), metrics),
        new TrainSampler(generator),
        new EvalSampler(generator),
        sink,
        metrics,
        properties);
  }
}
