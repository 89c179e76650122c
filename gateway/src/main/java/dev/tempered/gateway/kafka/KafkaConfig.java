package dev.tempered.gateway.kafka;

import dev.tempered.api.kafka.KafkaJson;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.config.TopicProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Topics the gateway writes or relies on, JSON serdes without type headers, zstd, and the error
 * handler that retries twice and then dead-letters to {@code <topic>-dlt}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  /** Topics the gateway reads; declared too so that it can start before their producers. */
  private static final List<String> CONSUMED =
      List.of(Topics.ROLLOUTS, Topics.EVALUATIONS, Topics.SCORED_GROUPS);

  private static final List<String> COMPACTED = List.of(Topics.JOBS, Topics.CHECKPOINTS);

  @Bean
  KafkaAdmin.NewTopics gatewayTopics(TopicProperties topics) {
    List<NewTopic> all = new ArrayList<>();
    for (String name : COMPACTED) {
      all.add(topic(name, topics).compact().build());
    }
    for (String name : CONSUMED) {
      all.add(topic(name, topics).build());
    }
    // A job's history is small and must outlive the default seven-day retention.
    all.add(topic(Topics.JOB_EVENTS, topics).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
    // Labels are human work: kept forever like the job history.
    all.add(topic(Topics.LABELLING, topics).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
    for (String name :
        List.of(
            Topics.JOBS,
            Topics.ROLLOUTS,
            Topics.CHECKPOINTS,
            Topics.EVALUATIONS,
            Topics.SCORED_GROUPS,
            Topics.LABELLING)) {
      all.add(topic(Topics.deadLetter(name), topics).build());
    }
    return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
  }

  private static TopicBuilder topic(String name, TopicProperties topics) {
    return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas());
  }

  /**
   * Values as JSON, except raw {@code byte[]}: a record that failed deserialisation reaches the
   * dead-letter topic with its original bytes.
   */
  @Bean
  ProducerFactory<String, Object> producerFactory(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    return KafkaJson.producerFactory(config);
  }

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
    return new KafkaTemplate<>(producerFactory);
  }

  /**
   * JSON values through {@link ErrorHandlingDeserializer}; each listener names its value type with
   * {@code spring.json.value.default.type}. Every group of this service is per instance, so reading
   * from the earliest offset rebuilds the whole state after a restart.
   */
  @Bean
  ConsumerFactory<String, Object> consumerFactory(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
    config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, JacksonJsonDeserializer.class);
    config.put(JacksonJsonDeserializer.USE_TYPE_INFO_HEADERS, false);
    config.put(JacksonJsonDeserializer.TRUSTED_PACKAGES, "dev.tempered.api.*");
    return new DefaultKafkaConsumerFactory<>(config);
  }

  @Bean
  DefaultErrorHandler errorHandler(KafkaTemplate<String, Object> kafkaTemplate) {
    DefaultErrorHandler handler = KafkaJson.deadLetterErrorHandler(kafkaTemplate);
    handler.addNotRetryableExceptions(UnsupportedSchemaException.class);
    return handler;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, Object> kafkaListenerContainerFactory(
      ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler errorHandler) {
    ConcurrentKafkaListenerContainerFactory<String, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumerFactory);
    factory.setCommonErrorHandler(errorHandler);
    return factory;
  }
}
