package dev.tempered.sampler.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.topic.Topics;
import dev.tempered.sampler.config.SamplerProperties;
import dev.tempered.sampler.config.TopicProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;

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

  private static final long RETRY_INTERVAL_MS = 500L;
  private static final long RETRIES = 2L;

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
    JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>();
    json.setAddTypeInfo(false);
    return new DefaultKafkaProducerFactory<>(producerProperties(), new StringSerializer(), json);
  }

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
    return new KafkaTemplate<>(producerFactory);
  }

  /** Dead-letters records that failed deserialisation with their original bytes. */
  @Bean
  KafkaTemplate<Object, byte[]> deadLetterBytesTemplate() {
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(producerProperties(), null, new ByteArraySerializer()));
  }

  @Bean
  DefaultErrorHandler errorHandler(
      KafkaTemplate<String, Object> json, KafkaTemplate<Object, byte[]> bytes) {
    Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
    templates.put(byte[].class, bytes);
    templates.put(Object.class, json);
    // Partition -1 lets the producer choose, so a DLT with fewer partitions than its topic works.
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            templates, (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    DefaultErrorHandler handler =
        new DefaultErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL_MS, RETRIES));
    // A malformed record stays malformed: straight to the DLT without retries.
    handler.addNotRetryableExceptions(InvalidRecordException.class);
    return handler;
  }

  @Bean(JOBS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, JobRecord> jobsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return listenerFactory(JobRecord.class, errorHandler, Map.of());
  }

  @Bean(CHECKPOINTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, CheckpointEvent> checkpointsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return listenerFactory(CheckpointEvent.class, errorHandler, Map.of());
  }

  @Bean(NOISY_INPUTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, NoisyInput> noisyInputsListenerFactory(
      DefaultErrorHandler errorHandler, SamplerProperties sampler) {
    var factory =
        listenerFactory(
            NoisyInput.class,
            errorHandler,
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sampler.maxBatchPrompts()));
    factory.setBatchListener(true);
    return factory;
  }

  private <T> ConcurrentKafkaListenerContainerFactory<String, T> listenerFactory(
      Class<T> type, DefaultErrorHandler errorHandler, Map<String, Object> overrides) {
    Map<String, Object> props = kafka.buildConsumerProperties();
    // Per-instance groups read their topic from the start to rebuild every job's state, and a
    // fresh sampler group must not skip prompts published before it first joined.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putAll(overrides);
    JacksonJsonDeserializer<T> json = new JacksonJsonDeserializer<>(type, false);
    var consumers =
        new DefaultKafkaConsumerFactory<>(
            props, new StringDeserializer(), new ErrorHandlingDeserializer<>(json));
    var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
    factory.setConsumerFactory(consumers);
    factory.setCommonErrorHandler(errorHandler);
    return factory;
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> props = kafka.buildProducerProperties();
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    return props;
  }
}
