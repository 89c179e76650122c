package dev.tempered.noise.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.config.TopicProperties;
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
 * Kafka wiring of the noise service: the topics it produces, JSON serdes without type headers (each
 * consumer names its value type), and an error handler that sends poison records to {@code
 * <topic>-dlt}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  static final String JOBS_FACTORY = "jobsListenerFactory";
  static final String ROLLOUTS_FACTORY = "rolloutsListenerFactory";

  private final KafkaProperties kafka;

  KafkaConfig(KafkaProperties kafka) {
    this.kafka = kafka;
  }

  @Bean
  NewTopic noisyInputsTopic(TopicProperties topics) {
    return TopicBuilder.name(Topics.NOISY_INPUTS)
        .partitions(topics.partitions())
        .replicas(topics.replicas())
        .build();
  }

  @Bean
  NewTopic noisyInputsDeadLetterTopic(TopicProperties topics) {
    return TopicBuilder.name(Topics.deadLetter(Topics.NOISY_INPUTS))
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
    return new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 2L));
  }

  @Bean(JOBS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, JobRecord> jobsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return listenerFactory(JobRecord.class, errorHandler);
  }

  @Bean(ROLLOUTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, Rollout> rolloutsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return listenerFactory(Rollout.class, errorHandler);
  }

  private <T> ConcurrentKafkaListenerContainerFactory<String, T> listenerFactory(
      Class<T> type, DefaultErrorHandler errorHandler) {
    Map<String, Object> props = kafka.buildConsumerProperties();
    // Per-instance groups read their topic from the start to rebuild every job's state.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
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
