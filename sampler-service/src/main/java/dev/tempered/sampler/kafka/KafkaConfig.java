package dev.tempered.sampler.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.kafka.KafkaJson;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.topic.Topics;
import dev.tempered.sampler.config.SamplerProperties;
import dev.tempered.sampler.config.TopicProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka wiring of the sampler: the topics it produces, JSON serdes without type headers (each
 * consumer names its value type), zstd producers, and an error handler that sends poison records to
 * {@code <topic>-dlt}. Noisy inputs arrive in batches so many prompts share one generate call.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  static final String JOBS_FACTORY = "jobsListenerFactory";
  static final String CHECKPOINTS_FACTORY = "checkpointsListenerFactory";
  static final String NOISY_INPUTS_FACTORY = "noisyInputsListenerFactory";

  private final KafkaProperties kafka;

  KafkaConfig(KafkaProperties kafka) {
    this.kafka = kafka;
  }

  @Bean
  NewTopic candidatesTopic(TopicProperties topics) {
    return TopicBuilder.name(Topics.CANDIDATES)
        .partitions(topics.partitions())
        .replicas(topics.replicas())
        .build();
  }

  @Bean
  NewTopic candidatesDeadLetterTopic(TopicProperties topics) {
    return TopicBuilder.name(Topics.deadLetter(Topics.CANDIDATES))
        .partitions(topics.partitions())
        .replicas(topics.replicas())
        .build();
  }

  @Bean
  ProducerFactory<String, Object> producerFactory() {
    Map<String, Object> props = kafka.buildProducerProperties();
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    return KafkaJson.producerFactory(props);
  }

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
    return new KafkaTemplate<>(producerFactory);
  }

  @Bean
  DefaultErrorHandler errorHandler(KafkaTemplate<String, Object> template) {
    DefaultErrorHandler handler = KafkaJson.deadLetterErrorHandler(template);
    // A malformed record stays malformed: straight to the DLT without retries.
    handler.addNotRetryableExceptions(InvalidRecordException.class);
    return handler;
  }

  @Bean(JOBS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, JobRecord> jobsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return KafkaJson.listenerFactory(consumerProperties(), JobRecord.class, errorHandler);
  }

  @Bean(CHECKPOINTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, CheckpointEvent> checkpointsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return KafkaJson.listenerFactory(consumerProperties(), CheckpointEvent.class, errorHandler);
  }

  @Bean(NOISY_INPUTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, NoisyInput> noisyInputsListenerFactory(
      DefaultErrorHandler errorHandler, SamplerProperties sampler) {
    Map<String, Object> props = consumerProperties();
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sampler.maxBatchPrompts());
    var factory = KafkaJson.listenerFactory(props, NoisyInput.class, errorHandler);
    factory.setBatchListener(true);
    return factory;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = kafka.buildConsumerProperties();
    // Per-instance groups read their topic from the start to rebuild every job's state, and a
    // fresh sampler group must not skip prompts published before it first joined.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }
}
