package dev.tempered.reward.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.kafka.KafkaJson;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.reward.config.KafkaTopicProperties;
import dev.tempered.reward.config.RewardProperties;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The service's Kafka wiring: topics it produces (with their dead-letter topics), JSON serdes
 * without type headers, one listener container factory per consumed value type, and the error
 * handler that dead-letters poison records.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  static final String CONSUMER_GROUP = "reward-service";
  static final String CANDIDATES_FACTORY = "candidatesListenerContainerFactory";
  static final String JOBS_FACTORY = "jobsListenerContainerFactory";

  private final KafkaProperties kafka;
  private final KafkaTopicProperties topics;

  KafkaConfig(KafkaProperties kafka, KafkaTopicProperties topics) {
    this.kafka = kafka;
    this.topics = topics;
  }

  @Bean
  NewTopic scoredGroupsTopic() {
    return topic(Topics.SCORED_GROUPS);
  }

  @Bean
  NewTopic scoredGroupsDeadLetterTopic() {
    return topic(Topics.deadLetter(Topics.SCORED_GROUPS));
  }

  @Bean
  NewTopic evaluationsTopic() {
    return topic(Topics.EVALUATIONS);
  }

  @Bean
  NewTopic evaluationsDeadLetterTopic() {
    return topic(Topics.deadLetter(Topics.EVALUATIONS));
  }

  /**
   * This service is the one that writes poison {@code candidates} records to their DLT, so it makes
   * sure the topic exists even where brokers do not auto-create topics.
   */
  @Bean
  NewTopic candidatesDeadLetterTopic() {
    return topic(Topics.deadLetter(Topics.CANDIDATES));
  }

  private NewTopic topic(String name) {
    return TopicBuilder.name(name)
        .partitions(topics.partitions())
        .replicas(topics.replicas())
        .build();
  }

  /**
   * Records are JSON; the raw bytes of a record that failed deserialisation go to the DLT as they
   * came.
   */
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

  /**
   * Poison records go to {@code <topic>-dlt} after two retries. Bad input
   * (IllegalArgumentException) is never retried: it cannot get better.
   */
  @Bean
  DefaultErrorHandler errorHandler(KafkaTemplate<String, Object> template) {
    DeadLetterPublishingRecoverer recoverer = KafkaJson.deadLetterRecoverer(template);
    recoverer.setLogRecoveryRecord(true);
    DefaultErrorHandler handler = KafkaJson.deadLetterErrorHandler(recoverer);
    handler.addNotRetryableExceptions(IllegalArgumentException.class);
    return handler;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, CandidateGroup>
      candidatesListenerContainerFactory(
          DefaultErrorHandler errorHandler, RewardProperties reward) {
    Map<String, Object> props = kafka.buildConsumerProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, CONSUMER_GROUP);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConcurrentKafkaListenerContainerFactory<String, CandidateGroup> factory =
        KafkaJson.listenerFactory(props, CandidateGroup.class, errorHandler);
    factory.setConcurrency(reward.concurrency());
    return factory;
  }

  /**
   * Every instance reads the whole compacted jobs topic, hence a consumer group of its own and
   * earliest offsets.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, JobRecord> jobsListenerContainerFactory(
      DefaultErrorHandler errorHandler) {
    Map<String, Object> props = kafka.buildConsumerProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, CONSUMER_GROUP + "-jobs-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return KafkaJson.listenerFactory(props, JobRecord.class, errorHandler);
  }
}
