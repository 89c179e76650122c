package dev.tempered.trainer.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.kafka.KafkaJson;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka wiring of the trainer: the topics it produces, JSON serdes without type headers, and
 * dead-lettering of records that cannot be read or processed.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  static final String JOBS_FACTORY = "jobsListenerFactory";
  static final String GROUPS_FACTORY = "scoredGroupsListenerFactory";

  @Bean
  NewTopic rolloutsTopic(
      @Value("${tempered.kafka.partitions:3}") int partitions,
      @Value("${tempered.kafka.replicas:1}") short replicas) {
    return TopicBuilder.name(Topics.ROLLOUTS).partitions(partitions).replicas(replicas).build();
  }

  @Bean
  NewTopic checkpointsTopic(
      @Value("${tempered.kafka.partitions:3}") int partitions,
      @Value("${tempered.kafka.replicas:1}") short replicas) {
    return TopicBuilder.name(Topics.CHECKPOINTS)
        .partitions(partitions)
        .replicas(replicas)
        .compact()
        .build();
  }

  @Bean
  NewTopic scoredGroupsDeadLetterTopic(
      @Value("${tempered.kafka.partitions:3}") int partitions,
      @Value("${tempered.kafka.replicas:1}") short replicas) {
    return TopicBuilder.name(Topics.deadLetter(Topics.SCORED_GROUPS))
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(KafkaProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaTemplate<>(KafkaJson.producerFactory(config));
  }

  @Bean
  DefaultErrorHandler errorHandler(KafkaTemplate<String, Object> template) {
    // Two quick retries, then the record goes to <topic>-dlt with the failure in its headers; a
    // record that could not be read keeps its original bytes there.
    return KafkaJson.deadLetterErrorHandler(template);
  }

  @Bean(JOBS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, JobRecord> jobsListenerFactory(
      KafkaProperties properties, DefaultErrorHandler errorHandler) {
    Map<String, Object> config = consumerConfig(properties);
    // Every instance reads the whole compacted jobs topic: its own group, from the beginning.
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "trainer-service-jobs-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return KafkaJson.listenerFactory(config, JobRecord.class, errorHandler);
  }

  @Bean(GROUPS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, ScoredGroup> scoredGroupsListenerFactory(
      KafkaProperties properties, DefaultErrorHandler errorHandler) {
    Map<String, Object> config = consumerConfig(properties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "trainer-service");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return KafkaJson.listenerFactory(config, ScoredGroup.class, errorHandler);
  }

  private static Map<String, Object> consumerConfig(KafkaProperties properties) {
    return new HashMap<>(properties.buildConsumerProperties());
  }
}
